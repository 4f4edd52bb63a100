package io.pushfleet.control.admin;

import java.util.List;

/** {@code GET /api/admin/users/{userId}/presence}: the user's connected devices, per the route table. */
public record PresenceResponse(long userId, boolean online, List<DeviceView> devices) {

    /** One connected device and the connection holding it ({@code RouteValue} parts). */
    public record DeviceView(String deviceId, String nodeId, long bootEpoch, long connId) {
    }
}
