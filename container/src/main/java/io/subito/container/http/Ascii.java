package io.subito.container.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte classification for HTTP/1.1 parsing, with 8-bytes-per-step (SWAR) scans. */
public final class Ascii {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long DELS = 0x7F7F7F7F7F7F7F7FL;

    /** RFC 9110 tchar. */
    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (char c = '0'; c <= '9'; c++) TOKEN[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TOKEN[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TOKEN[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TOKEN[c] = true;
    }

    private Ascii() {
    }

    /** The eight bytes at {@code i}, little-endian (byte {@code i} lowest). */
    static long longAt(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** The four bytes at {@code i}, little-endian (byte {@code i} lowest). */
    static int intAt(byte[] b, int i) {
        return (int) INTS.get(b, i);
    }

    public static boolean isToken(byte b) {
        return TOKEN[b & 0xFF];
    }

    /**
     * Index of the first control byte (below 0x20, or DEL) in {@code [from, to)}, or {@code to}.
     * Field values are mostly plain text, so the scan skips eight clean bytes at a time; the
     * lowest flagged byte of each word is exact (borrows only flag bytes above a true hit).
     */
    public static int findControl(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i);
            long below = (x - SPACES) & ~x & HIGHS;
            long y = x ^ DELS;
            long del = (y - ONES) & ~y & HIGHS;
            long hit = below | del;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 || c == 0x7F) {
                return i;
            }
        }
        return to;
    }

    /** Case-insensitive comparison of {@code b[off, off+len)} with a lower-case ASCII constant. */
    public static boolean equalsLower(byte[] b, int off, int len, byte[] lower) {
        if (len != lower.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            int c = b[off + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lower[i]) {
                return false;
            }
        }
        return true;
    }

    public static byte[] bytes(String ascii) {
        return ascii.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    public static int hexValue(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
