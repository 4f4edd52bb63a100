package io.pushfleet.control.admin;

import java.time.Instant;

/**
 * {@code POST /api/admin/nodes/{nodeId}/drain} and {@code /undrain}: the node's drain as it now stands.
 *
 * @param draining      whether an operator's drain is in force
 * @param drainedSince  when the drain was first asked for; null when not draining
 * @param reportedState the state in the node's last registry report (it follows a drain within moments);
 *                      null when the node is not reporting
 * @param selectable    whether new clients may be sent to the node now
 */
public record DrainResponse(String nodeId, boolean draining, Instant drainedSince, String reportedState,
                            boolean selectable) {
}
