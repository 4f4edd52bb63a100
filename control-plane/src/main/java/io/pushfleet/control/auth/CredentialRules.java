package io.pushfleet.control.auth;

import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;

import java.util.Locale;

/**
 * The rules for usernames and passwords at registration. Usernames: 3 to 32 characters of
 * {@code [a-zA-Z0-9._-]}, compared case-insensitively. Passwords: 8 to 128 characters, no control
 * characters, at least 4 distinct characters, and not containing the username.
 */
public final class CredentialRules {

    public static final int USERNAME_MIN_LENGTH = 3;
    public static final int USERNAME_MAX_LENGTH = 32;
    public static final int PASSWORD_MIN_LENGTH = 8;
    public static final int PASSWORD_MAX_LENGTH = 128;
    public static final int PASSWORD_MIN_DISTINCT = 4;

    private CredentialRules() {
    }

    /** Returns {@code username} if it is acceptable, else throws {@code invalid_username}. */
    public static String requireValidUsername(String username) {
        if (username == null) {
            throw invalidUsername("username: missing");
        }
        int length = username.length();
        if (length < USERNAME_MIN_LENGTH || length > USERNAME_MAX_LENGTH) {
            throw invalidUsername("username: length " + length + " (expected: " + USERNAME_MIN_LENGTH + ".."
                    + USERNAME_MAX_LENGTH + ")");
        }
        for (int i = 0; i < length; i++) {
            char c = username.charAt(i);
            if (!isUsernameChar(c)) {
                throw invalidUsername("username: character " + describe(c) + " at " + i + " (expected: [a-zA-Z0-9._-])");
            }
        }
        return username;
    }

    /** Whether {@code username} passes {@link #requireValidUsername}, without the exception. */
    public static boolean isValidUsername(String username) {
        if (username == null || username.length() < USERNAME_MIN_LENGTH || username.length() > USERNAME_MAX_LENGTH) {
            return false;
        }
        return username.chars().allMatch(c -> isUsernameChar((char) c));
    }

    /** Returns {@code password} if it is acceptable for {@code username}, else throws {@code weak_password}. */
    public static String requireValidPassword(String password, String username) {
        if (password == null) {
            throw weakPassword("password: missing");
        }
        int length = password.codePointCount(0, password.length());
        if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
            throw weakPassword("password: length " + length + " (expected: " + PASSWORD_MIN_LENGTH + ".."
                    + PASSWORD_MAX_LENGTH + ")");
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            throw weakPassword("password: contains a control character (expected: printable characters)");
        }
        long distinct = password.codePoints().distinct().count();
        if (distinct < PASSWORD_MIN_DISTINCT) {
            throw weakPassword("password: " + distinct + " distinct characters (expected: >= " + PASSWORD_MIN_DISTINCT + ")");
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw weakPassword("password: contains the username");
        }
        return password;
    }

    private static boolean isUsernameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }

    /** A character as it can be shown in a message: printable ASCII quoted, anything else as U+XXXX. */
    private static String describe(char c) {
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static ApiException invalidUsername(String message) {
        return new ApiException(ErrorCode.INVALID_USERNAME, message);
    }

    private static ApiException weakPassword(String message) {
        return new ApiException(ErrorCode.WEAK_PASSWORD, message);
    }
}
