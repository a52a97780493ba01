package io.subito.container;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes waiting to leave on one connection: the encoded responses of a batch, written in one
 * gathering write at the end of the batch.
 */
final class OutputBuffer {
    private byte[] bytes;
    private int start;
    private int len;
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private ByteBuffer view;

    OutputBuffer(int capacity) {
        bytes = new byte[capacity];
        view = ByteBuffer.wrap(bytes);
    }

    int size() {
        return len - start;
    }

    boolean isEmpty() {
        return len == start;
    }

    void clear() {
        start = 0;
        len = 0;
    }

    void put(byte b) {
        ensure(1);
        bytes[len++] = b;
    }

    void put(byte[] src) {
        put(src, 0, src.length);
    }

    void put(byte[] src, int off, int n) {
        ensure(n);
        System.arraycopy(src, off, bytes, len, n);
        len += n;
    }

    /**
     * Latin-1 text; CR, LF and other control characters become spaces so that no application
     * value can split a header (response splitting), and characters past Latin-1 become '?'.
     */
    void putText(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = bytes;
        int at = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                c = ' ';
            } else if (c > 0xFF) {
                c = '?';
            }
            b[at++] = (byte) c;
        }
        len = at;
    }

    private static final byte[][] SMALL_NUMBERS = new byte[1000][];

    static {
        for (int i = 0; i < SMALL_NUMBERS.length; i++) {
            SMALL_NUMBERS[i] = Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** A non-negative number in decimal; the common small lengths come from a table, without division. */
    void putDecimal(long v) {
        if (v < SMALL_NUMBERS.length) {
            put(SMALL_NUMBERS[(int) v]);
            return;
        }
        ensure(20);
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        int at = len + digits;
        for (long t = v; t > 0; t /= 10) {
            bytes[--at] = (byte) ('0' + t % 10);
        }
        len += digits;
    }

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    /** A chunk size: lower-case hex without leading zeros. */
    void putHex(int v) {
        int digits = Math.max(1, (32 - Integer.numberOfLeadingZeros(v) + 3) >> 2);
        ensure(digits);
        for (int i = digits - 1, t = v; i >= 0; i--, t >>>= 4) {
            bytes[len + i] = HEX[t & 0xF];
        }
        len += digits;
    }

    void putCrlf() {
        ensure(2);
        bytes[len++] = '\r';
        bytes[len++] = '\n';
    }

    /** Copies the last {@code n} pending bytes into {@code dst}. */
    void copyLast(int n, byte[] dst) {
        System.arraycopy(bytes, len - n, dst, 0, n);
    }

    byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, start, len);
    }

    /** The pending bytes, then {@code extra} if not null, as the array of one gathering write. */
    ByteBuffer[] gather(ByteBuffer extra) {
        view.limit(len).position(start);
        gather[0] = view;
        gather[1] = extra;
        return gather;
    }

    /** Records how much of the pending bytes the last write took. */
    void consumed() {
        start = view.position();
        if (start == len) {
            start = 0;
            len = 0;
        }
    }

    private void ensure(int n) {
        if (len + n > bytes.length) {
            if (start > 0) {
                System.arraycopy(bytes, start, bytes, 0, len - start);
                len -= start;
                start = 0;
            }
            if (len + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, len + n));
                view = ByteBuffer.wrap(bytes);
            }
        }
    }
}
