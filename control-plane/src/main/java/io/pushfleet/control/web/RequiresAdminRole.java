package io.pushfleet.control.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role an admin route needs. Mandatory on every resource method under {@code /api/admin}: a route
 * without it is refused for every key ({@code admin.AdminRoleFilter}), and {@code AdminRoutesIT} fails for it.
 * On methods only, so that each route is decided where it is declared. {@link AdminRole#READ} is for
 * routes that change nothing (GET).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresAdminRole {

    AdminRole value();
}
