package io.subito.container.http2.hpack;

/**
 * The {@code :status} value of each status code, made once: a response's status is an int, and
 * HPACK sends its three digits as a string.
 */
final class StatusText {
    private static final String[] TEXTS = new String[1000];

    private StatusText() {
    }

    /**
     * @throws IllegalArgumentException for a status that is not three digits (100 to 999)
     */
    static String of(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("HTTP status " + status + " is not three digits");
        }
        String s = TEXTS[status];
        if (s == null) {
            // a race makes two equal Strings, one of them kept: harmless, Strings are immutable
            s = Integer.toString(status);
            TEXTS[status] = s;
        }
        return s;
    }
}
