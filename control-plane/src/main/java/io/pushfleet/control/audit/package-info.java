/**
 * The route auditor (DESIGN 3.4): one control plane at a time (a Redis lease) compares each node's reported
 * connections with its connection set and the route table, removes the routes of dead runs (fenced by boot
 * epoch), hands pushes stranded on dead nodes' command streams to the offline path, and publishes per-node
 * figures for {@code GET /api/admin/online} and Prometheus. Start at
 * {@link io.pushfleet.control.audit.RouteAuditor}; {@link io.pushfleet.control.audit.EpochFence} holds the rule
 * of what is dead, {@link io.pushfleet.control.audit.AuditScheduler} the wiring.
 */
package io.pushfleet.control.audit;
