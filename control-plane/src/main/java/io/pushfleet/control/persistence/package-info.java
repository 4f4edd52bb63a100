/** Persistence helpers every feature's repositories share; start with {@link io.pushfleet.control.persistence.DbTime}. */
package io.pushfleet.control.persistence;
