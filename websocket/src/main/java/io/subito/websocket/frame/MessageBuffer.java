package io.subito.websocket.frame;

import java.util.Arrays;

/**
 * The bytes of a message being assembled, within a limit. The array grows as needed and is let go
 * once the message is delivered, so a connection between messages holds none.
 */
final class MessageBuffer {
    private static final byte[] EMPTY = new byte[0];
    private byte[] bytes = EMPTY;
    private int len;

    int length() {
        return len;
    }

    byte[] array() {
        return bytes;
    }

    void append(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, bytes, len, n);
        len += n;
    }

    void append(java.nio.ByteBuffer b) {
        int n = b.remaining();
        ensure(n);
        b.get(b.position(), bytes, len, n);
        len += n;
    }

    private void ensure(int n) {
        if (len + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(len + n, Math.max(256, bytes.length * 2)));
        }
    }

    /** Takes the bytes [0, n) out (as their own array), keeping the rest at the front. */
    byte[] take(int n) {
        byte[] out = Arrays.copyOf(bytes, n);
        System.arraycopy(bytes, n, bytes, 0, len - n);
        len -= n;
        if (len == 0) {
            bytes = EMPTY;
        }
        return out;
    }

    void clear() {
        bytes = EMPTY;
        len = 0;
    }
}
