package io.pushfleet.control.push;

import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.control.web.RequestTrace;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.Clock;
import java.util.List;

/**
 * The admin push API's logic: accept a push (validate, check the group, give it a message id, store it,
 * then hand it to the {@link PushDispatcher}: the 202 means stored, not sent) and answer the status
 * queries. Blocking: runs on worker threads.
 */
@ApplicationScoped
public class PushService {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final PushValidator validator;
    private final Instance<GroupDirectory> groups;
    private final PushTaskRepository tasks;
    private final DeliveryRepository deliveries;
    private final PushDispatcher dispatcher;
    private final ProcessIdentity identity;
    private final PushMetrics metrics;
    private final Clock clock;

    public PushService(PushValidator validator, Instance<GroupDirectory> groups, PushTaskRepository tasks,
                       DeliveryRepository deliveries, PushDispatcher dispatcher, ProcessIdentity identity,
                       PushMetrics metrics, Clock clock) {
        this.validator = validator;
        this.groups = groups;
        this.tasks = tasks;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.identity = identity;
        this.metrics = metrics;
        this.clock = clock;
    }

    public PushViews.Accepted accept(PushRequest request) {
        PushSpec spec = validator.validate(request);
        if (spec.kind() == TargetKind.GROUP && (!groups.isResolvable() || !groups.get().exists(spec.group()))) {
            throw new ApiException(ErrorCode.UNKNOWN_GROUP, "group: " + spec.group() + " (unknown)");
        }
        String traceId = RequestTrace.current();
        MessageId msgId = identity.nextMessageId();
        long taskId = tasks.insert(spec, msgId, traceId, clock.instant());
        metrics.accepted(spec.kind());
        dispatcher.dispatch(taskId);
        return new PushViews.Accepted(taskId, msgId.toString(), traceId);
    }

    public PushViews.Task task(String taskIdText) {
        PushTask task = findTask(taskIdText);
        DeliveryCounts counts = tasks.counts(task.id());
        long total = task.broadcast() ? counts.sum() : task.targetCount();
        return new PushViews.Task(task.id(), task.msgId().toString(), task.kind().dbValue(), task.state().dbValue(),
                task.traceId(), task.createdAt(), PushViews.Counts.of(total, counts));
    }

    public PushViews.DeliveryPage deliveries(String taskIdText, String stateText, String afterText, String limitText) {
        PushTask task = findTask(taskIdText);
        DeliveryState state = null;
        if (stateText != null) {
            state = DeliveryState.ofApiName(stateText);
            if (state == null) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "state: '" + shorten(stateText)
                        + "' (expected: routed, written, acked, offline, stored, delivered or expired)");
            }
        }
        long after = afterText == null ? 0 : number("after", afterText, 0, Long.MAX_VALUE);
        int limit = limit(limitText);
        List<PushViews.Delivery> rows = deliveries.page(task.id(), state, after, limit).stream()
                .map(r -> new PushViews.Delivery(r.userId().value(), r.state().apiName(), r.updatedAt()))
                .toList();
        Long next = rows.size() == limit ? rows.getLast().userId() : null;
        return new PushViews.DeliveryPage(task.id(), rows, next);
    }

    public PushViews.UserDeliveries userDeliveries(String userIdText, String limitText) {
        UserId userId;
        try {
            userId = UserId.parse(userIdText);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_USER_ID, e.getMessage());
        }
        List<PushViews.UserDelivery> rows = deliveries.recentForUser(userId, limit(limitText)).stream()
                .map(r -> new PushViews.UserDelivery(r.taskId(), r.msgId().toString(), r.state().apiName(),
                        r.updatedAt()))
                .toList();
        return new PushViews.UserDeliveries(userId.value(), rows);
    }

    private PushTask findTask(String taskIdText) {
        long taskId;
        try {
            taskId = Long.parseLong(taskIdText);
        } catch (NumberFormatException e) {
            taskId = 0;
        }
        if (taskId <= 0) {
            throw new ApiException(ErrorCode.UNKNOWN_TASK, "taskId: '" + shorten(taskIdText) + "' (unknown)");
        }
        return tasks.find(taskId).orElseThrow(
                () -> new ApiException(ErrorCode.UNKNOWN_TASK, "taskId: " + taskIdText + " (unknown)"));
    }

    private static int limit(String text) {
        return text == null ? DEFAULT_PAGE : (int) number("limit", text, 1, MAX_PAGE);
    }

    private static long number(String name, String text, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like a value out of range
        }
        throw new ApiException(ErrorCode.INVALID_REQUEST, name + ": '" + shorten(text) + "' (expected: " + min + ".."
                + max + ")");
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
