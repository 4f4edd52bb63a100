package io.pushfleet.model.redis;

import io.pushfleet.model.id.UserId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading and writing the string fields of stream entries; a bad entry is an {@link IllegalArgumentException}. */
final class Fields {

    private Fields() {
    }

    static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("stream entry: field '" + name + "' missing");
        }
        return value;
    }

    static long requireLong(Map<String, String> fields, String name) {
        String value = require(fields, name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stream entry: field '" + name + "': '" + value + "' (expected: an integer)", e);
        }
    }

    /** Comma-separated user ids; empty text is an empty list. */
    static String joinUsers(List<UserId> users) {
        StringBuilder sb = new StringBuilder(users.size() * 8);
        for (UserId u : users) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(u.value());
        }
        return sb.toString();
    }

    static List<UserId> splitUsers(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.split(",", -1);
        List<UserId> users = new ArrayList<>(parts.length);
        for (String p : parts) {
            users.add(UserId.parse(p));
        }
        return List.copyOf(users);
    }
}
