package io.subito.websocket.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** XOR with the client's 4-byte mask (RFC 6455 section 5.3), eight bytes per step (heap arrays and direct buffers). */
public final class Masking {
    /** Little-endian: the byte order of the machines this runs on, so a step needs no byte swap. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Masking() {
    }

    /** A copy of {@code payload}'s remaining bytes masked with {@code mask} (a client's frame; the caller's buffer stays as it was). */
    public static ByteBuffer masked(ByteBuffer payload, byte[] mask) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload.duplicate()).flip();
        unmask(copy, 0, copy.remaining(), mask, 0);
        return copy;
    }

    /** Unmasks {@code n} bytes of {@code b} from {@code start} in place, the first with mask byte {@code m}; returns the next mask index. */
    static int unmask(ByteBuffer b, int start, int n, byte[] mask, int m) {
        if (b.hasArray()) {
            return unmask(b.array(), b.arrayOffset() + start, n, mask, m);
        }
        int i = 0;
        if (n >= 16) {
            // a direct buffer: eight bytes per step in the buffer's own byte order
            long word = word(mask, m, b.order() == ByteOrder.BIG_ENDIAN);
            for (; i + 8 <= n; i += 8) {
                b.putLong(start + i, b.getLong(start + i) ^ word);
            }
        }
        for (; i < n; i++) {
            int at = start + i;
            b.put(at, (byte) (b.get(at) ^ mask[m]));
            m = (m + 1) & 3;
        }
        return m;
    }

    /**
     * Unmasks {@code n} bytes of {@code a} from {@code off} in place, the first with mask byte
     * {@code m}; returns the next mask index. On an array this is the fastest way: copying masked
     * bytes out of a direct buffer (a bulk copy) and unmasking them here beats unmasking in the
     * direct buffer, or while copying.
     */
    static int unmask(byte[] a, int off, int n, byte[] mask, int m) {
        int i = 0;
        if (n >= 16) {
            long word = word(mask, m, false);
            for (; i + 8 <= n; i += 8) {
                LONGS.set(a, off + i, (long) LONGS.get(a, off + i) ^ word);
            }
            // i is a multiple of 8, so the mask index is unchanged
        }
        for (; i < n; i++) {
            a[off + i] ^= mask[m];
            m = (m + 1) & 3;
        }
        return m;
    }

    /** Eight bytes of the mask from index {@code m}, as a long read in the given byte order. */
    private static long word(byte[] mask, int m, boolean bigEndian) {
        long word = 0;
        for (int k = 0; k < 8; k++) {
            word |= (long) (mask[(m + k) & 3] & 0xFF) << (8 * (bigEndian ? 7 - k : k)); // byte k of the step
        }
        return word;
    }
}
