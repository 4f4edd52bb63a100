package io.pushfleet.edge.delivery;

import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeCommands;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RouteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Acts on one entry of this node's command stream. {@code push} ({@link PushCommand}) goes to the
 * {@link PushDispatcher}. {@code kick} (PROTOCOL 3.2) closes the named connection with REPLACED, but only if
 * the route names this node's current run and the connection still belongs to the named user and device;
 * anything else is stale and ignored. {@code drain} and {@code undrain} (DESIGN 3.10) go to the
 * {@link DrainSwitch}. Unknown command types are skipped so newer control planes can add commands.
 * Thread-safe; closes and writes run on the connections' event loops.
 */
public final class NodeCommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NodeCommandDispatcher.class);

    private final NodeId nodeId;
    private final long bootEpoch;
    private final ConnectionRegistry connections;
    private final SessionCloser closer;
    private final PushDispatcher pushes;
    private final DrainSwitch drain;

    public NodeCommandDispatcher(NodeId nodeId, long bootEpoch, ConnectionRegistry connections, SessionCloser closer,
                                 PushDispatcher pushes, DrainSwitch drain) {
        this.nodeId = requireNonNull(nodeId, "nodeId");
        this.bootEpoch = bootEpoch;
        this.connections = requireNonNull(connections, "connections");
        this.closer = requireNonNull(closer, "closer");
        this.pushes = requireNonNull(pushes, "pushes");
        this.drain = requireNonNull(drain, "drain");
    }

    /** Handles one entry; a malformed push entry throws {@link IllegalArgumentException} (the reader logs it). */
    public void dispatch(String entryId, Map<String, String> fields) {
        String type = fields.get(NodeCommands.TYPE);
        if (PushCommand.TYPE.equals(type)) {
            pushes.push(PushCommand.fromFields(fields));
        } else if (NodeCommands.KICK.equals(type)) {
            kick(entryId, fields);
        } else if (NodeCommands.DRAIN.equals(type)) {
            drain.drain("drain command entry=" + entryId);
        } else if (NodeCommands.UNDRAIN.equals(type)) {
            drain.undrain("undrain command entry=" + entryId);
        } else {
            log.debug("skipped command entry={} type={}", entryId, type);
        }
    }

    private void kick(String entryId, Map<String, String> fields) {
        String text = fields.get(NodeCommands.ROUTE);
        if (text == null) {
            log.warn("skipped kick entry={}: no {} field", entryId, NodeCommands.ROUTE);
            return;
        }
        RouteValue route;
        try {
            route = RouteValue.parse(text);
        } catch (IllegalArgumentException e) {
            log.warn("skipped kick entry={}: {}", entryId, e.getMessage());
            return;
        }
        if (!route.nodeId().equals(nodeId) || route.bootEpoch() != bootEpoch) {
            log.debug("skipped kick entry={} for another run route={}", entryId, route);
            return;
        }
        UserId userId;
        try {
            userId = UserId.parse(fields.get(NodeCommands.USER));
        } catch (IllegalArgumentException e) {
            log.warn("skipped kick entry={}: {}", entryId, e.getMessage());
            return;
        }
        Session session = connections.find(userId, route.connId());
        if (session == null || !session.deviceId().value().equals(fields.get(NodeCommands.DEVICE))) {
            log.debug("skipped kick entry={}: connId={} is gone", entryId, route.connId());
            return;
        }
        closer.close(session, CloseCode.REPLACED, "replaced by a newer connection on another node");
    }
}
