package io.pushfleet.control.admin;

import java.util.List;

/** {@code GET /api/admin/nodes}: every registered node, ordered by node id. */
public record NodesResponse(List<NodeView> nodes) {
}
