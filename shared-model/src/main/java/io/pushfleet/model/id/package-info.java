/**
 * Typed ids used across the fleet: {@link io.pushfleet.model.id.UserId}, {@link io.pushfleet.model.id.DeviceId},
 * {@link io.pushfleet.model.id.NodeId}, {@link io.pushfleet.model.id.MessageId} and
 * {@link io.pushfleet.model.id.GroupId}. Each validates itself on construction, so a value that exists is valid.
 */
package io.pushfleet.model.id;
