/**
 * The operator API under {@code /api/admin}. {@link io.pushfleet.control.admin.AdminAuthFilter} guards the
 * whole prefix with {@link io.pushfleet.control.admin.AdminKeys} (bearer keys, constant-time);
 * {@link io.pushfleet.control.admin.AdminResource} and {@link io.pushfleet.control.admin.AdminService} shape
 * registry and route-table data into DTO records. Later issues add pushes and drains here.
 */
package io.pushfleet.control.admin;
