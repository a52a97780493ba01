package io.subito.servlet.session.store;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Session ids: 128 random bits as 32 upper-case hex digits. A requested id of any other shape is
 * not one of ours and is never looked up, so nothing a client sends reaches a store as a key,
 * a pattern or a file name.
 */
public final class SessionIds {
    public static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    public static String next() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** What a log line may show of an id: enough to correlate, too little to hijack the session. */
    public static String redact(String id) {
        return id == null || id.length() < 8 ? "?" : id.substring(0, 6) + "…";
    }
}
