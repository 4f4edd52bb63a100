package io.pushfleet.control.web;

import java.util.Locale;

/**
 * What an admin key may do (docs/control-plane.md, "Admin keys and roles"). Every admin route names the
 * role it needs with {@link RequiresAdminRole}; a key's role either allows it or the request is refused
 * with 403 {@code insufficient_role}.
 */
public enum AdminRole {
    /** Views only: the fleet, presence, push tasks and deliveries. Keys of {@code push.admin.read-keys}. */
    READ,
    /** Everything: views and every change (pushes, routing, drains). Keys of {@code push.admin.keys}. */
    PUSH;

    /** Whether a key of this role may call a route that requires {@code required}. */
    public boolean allows(AdminRole required) {
        return this == PUSH || required == READ;
    }

    /** The role as operators and metrics name it: {@code read}, {@code push}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
