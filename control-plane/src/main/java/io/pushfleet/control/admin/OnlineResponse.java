package io.pushfleet.control.admin;

import java.util.List;

/**
 * {@code GET /api/admin/online}: {@code total} is the sum of the connections live nodes report,
 * {@code routeTableTotal} the sum of all nodes' connection sets in Redis.
 */
public record OnlineResponse(long total, List<NodeOnline> nodes, long routeTableTotal) {

    /** One node: reported connections, registered routes, and their difference. */
    public record NodeOnline(String nodeId, boolean live, long connections, long routes, long drift) {
    }
}
