package io.pushfleet.control.web;

/**
 * Order of the Vert.x filters every request passes before routing; a higher number runs first. Kept in
 * one place so the chain reads top to bottom: trace id, body size, admin key.
 */
public final class FilterPriorities {

    /** First, so every answer (refusals included) carries the trace id. */
    public static final int TRACE_ID = 1_000;
    /** Before any handler could start reading an oversized body. */
    public static final int BODY_LIMIT = 900;
    /** Before any admin route is matched, so an unknown admin path is 401 too, not 404. */
    public static final int ADMIN_KEY = 800;

    private FilterPriorities() {
    }
}
