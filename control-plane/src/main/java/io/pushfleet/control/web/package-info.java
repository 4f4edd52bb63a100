/**
 * What every HTTP request goes through, whatever the feature: the trace id
 * ({@link io.pushfleet.control.web.TraceIdFilter}), the body limit, and the error contract — an
 * {@link io.pushfleet.control.web.ApiError} with a stable {@link io.pushfleet.control.web.ErrorCode} on
 * every refusal, written by {@link io.pushfleet.control.web.ErrorMappers} for REST resources and by
 * {@link io.pushfleet.control.web.ErrorWriter} for the Vert.x filters and fallback routes.
 */
package io.pushfleet.control.web;
