package io.pushfleet.control.admin;

import java.util.List;

/**
 * {@code GET /api/admin/nodes}: every registered node, ordered by node id, and the selection strategy in
 * force on the answering control plane (which decides what each node's {@code weight} means).
 */
public record NodesResponse(List<NodeView> nodes, String strategy) {
}
