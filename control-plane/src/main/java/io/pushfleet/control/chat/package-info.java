/**
 * Chat groups and message history (DESIGN 3.7). Start with {@link io.pushfleet.control.chat.GroupService}:
 * the rules of who may create, list, add and remove, over {@link io.pushfleet.control.chat.GroupRepository}
 * (MySQL, the record of truth) and {@link io.pushfleet.control.chat.GroupMemberSets} (the Redis sets edges
 * fan chat out with), which {@link io.pushfleet.control.chat.MembershipSync} repairs periodically.
 * {@link io.pushfleet.control.chat.CachingGroupDirectory} answers the push feature's
 * {@code GroupDirectory}. {@link io.pushfleet.control.chat.MessageHistoryService} pages through the
 * messages the uplink consumer persisted. Users authenticate with their access token
 * ({@code auth.UserAuthenticator}).
 */
package io.pushfleet.control.chat;
