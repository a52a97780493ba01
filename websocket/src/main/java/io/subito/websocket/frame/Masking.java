package io.subito.websocket.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** XOR with the client's 4-byte mask (RFC 6455 section 5.3), eight bytes per step (heap arrays and direct buffers). */
public final class Masking {
    /** Little-endian: the byte order of the machines this runs on, so a step needs no byte swap. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS_BIG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

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
        int i = 0;
        if (n >= 16 && b.hasArray()) {
            byte[] a = b.array();
            int off = b.arrayOffset() + start;
            long word = word(mask, m, false);
            for (; i + 8 <= n; i += 8) {
                LONGS.set(a, off + i, (long) LONGS.get(a, off + i) ^ word);
            }
            // i is a multiple of 8, so the mask index is unchanged
        } else if (n >= 16) {
            // a direct buffer (the reader's): eight bytes per step in the buffer's own byte order
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
     * Copies {@code src}'s remaining bytes (still masked, the first with mask byte {@code m}) into
     * {@code dst} from {@code off}, unmasking them on the way: one pass instead of unmasking in
     * place and copying after. {@code src} is left as it was.
     */
    static void unmaskInto(ByteBuffer src, byte[] mask, int m, byte[] dst, int off) {
        int n = src.remaining();
        int start = src.position();
        int i = 0;
        if (n >= 16 && src.hasArray()) {
            byte[] a = src.array();
            int from = src.arrayOffset() + start;
            long word = word(mask, m, false);
            for (; i + 8 <= n; i += 8) {
                LONGS.set(dst, off + i, (long) LONGS.get(a, from + i) ^ word);
            }
        } else if (n >= 16) {
            boolean big = src.order() == ByteOrder.BIG_ENDIAN;
            VarHandle view = big ? LONGS_BIG : LONGS;
            long word = word(mask, m, big);
            for (; i + 8 <= n; i += 8) {
                view.set(dst, off + i, src.getLong(start + i) ^ word);
            }
        }
        for (; i < n; i++) {
            dst[off + i] = (byte) (src.get(start + i) ^ mask[m]);
            m = (m + 1) & 3;
        }
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
