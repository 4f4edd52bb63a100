package io.pushfleet.edge.bootstrap;

/** Masking of secrets in text that gets logged. */
final class Secrets {

    private Secrets() {
    }

    /**
     * The URI with the password of its user info masked: {@code redis://user:***@host} and, for the
     * password-only form, {@code redis://***@host}. Text without user info comes back unchanged.
     */
    static String maskUri(String uri) {
        if (uri == null) {
            return null;
        }
        int scheme = uri.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int slash = uri.indexOf('/', start);
        int authorityEnd = slash < 0 ? uri.length() : slash;
        int at = uri.lastIndexOf('@', authorityEnd - 1);
        if (at < start) {
            return maskQueryPassword(uri);
        }
        String userInfo = uri.substring(start, at);
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
        return maskQueryPassword(uri.substring(0, start) + masked + uri.substring(at));
    }

    private static String maskQueryPassword(String uri) {
        return uri.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }
}
