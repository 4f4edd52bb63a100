/**
 * The operator API under {@code /api/admin}. Two gates guard it: {@link io.pushfleet.control.admin.AdminAuthFilter}
 * checks the bearer key for the whole prefix with {@link io.pushfleet.control.admin.AdminKeys} (constant-time,
 * 401) and notes the key's {@link io.pushfleet.control.web.AdminRole}; after routing,
 * {@link io.pushfleet.control.admin.AdminRoleFilter} compares it with the route's
 * {@link io.pushfleet.control.web.RequiresAdminRole} (403), which every admin route must carry.
 * {@link io.pushfleet.control.admin.AdminResource} and {@link io.pushfleet.control.admin.AdminService} shape
 * registry and route-table data into DTO records.
 */
package io.pushfleet.control.admin;
