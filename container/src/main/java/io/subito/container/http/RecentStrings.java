package io.subito.container.http;

import java.nio.charset.StandardCharsets;

/**
 * The last few strings the requests parsed into one {@link RequestHead} produced, reused when
 * the same bytes come again: clients usually ask for the same few paths, so the request path
 * costs no allocation after the first time. The head belongs to an exchange, pooled per loop, so
 * the loop's connections share these; one thread uses them at a time (the exchange's).
 */
final class RecentStrings {
    private static final int SLOTS = 8;
    private final String[] strings = new String[SLOTS];

    /** The Latin-1 string of {@code buf[from, to)}, from the cache when it holds the same bytes. */
    String latin1(byte[] buf, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String s = strings[slot];
        if (s != null && sameBytes(s, buf, from, to)) {
            return s;
        }
        s = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        strings[slot] = s;
        return s;
    }

    private static boolean sameBytes(String s, byte[] buf, int from, int to) {
        if (s.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i - from) != (char) (buf[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
