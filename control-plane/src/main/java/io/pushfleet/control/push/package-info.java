/**
 * Admin pushes (DESIGN 3.5, 3.6): accept, route, record each target's fate, and re-push to users who were
 * offline. Start at {@link io.pushfleet.control.push.PushService#accept} (validate, store the task, 202),
 * then {@link io.pushfleet.control.push.PushDispatcher} and {@link io.pushfleet.control.push.TaskRouter}
 * (claim, chunk, look up routes, write delivery rows, add one entry per node per chunk), then
 * {@link io.pushfleet.control.push.FleetEventConsumer} and {@link io.pushfleet.control.push.FleetEventHandler}
 * (the edges' reports move each target along {@link io.pushfleet.control.push.DeliveryState}, and a
 * {@code connected} user gets its stored messages again). Ports with one JDBC or Redis implementation each
 * keep the logic testable with in-memory fakes; the JDBC repositories use plain SQL because the work is
 * batched inserts and conditional updates. Group membership comes through
 * {@link io.pushfleet.control.push.GroupDirectory}, implemented by the groups feature.
 */
package io.pushfleet.control.push;
