package io.subito.container;

import io.subito.container.http2.ByteRing;
import org.jctools.queues.MpmcArrayQueue;

/**
 * The arrays of HTTP/2 streams' byte rings (request bodies in, response bodies out), reused by
 * the streams of one loop's connections: a stream takes one when its first body byte is written
 * (on the loop for request bodies, on the handler's thread for responses) and the loop gives it
 * back once the stream is done, its handler returned and both sides closed. A ring starts with
 * a small array and takes a larger one as it fills ({@link ByteRing#arraySize}), so the sizes
 * kept are the powers of two from {@link ByteRing#FIRST_ARRAY} up to each ring capacity the
 * configuration gives, and the capacities. Without them every response with a body would cost
 * an array in garbage. Lock-free (taken and given from any thread); of each size at most as
 * many as {@link #BYTES_PER_SIZE} holds, and at least {@link #POOLED}: a loop serving many
 * streams at once keeps enough of the small arrays that short responses use.
 */
final class RingArrays {
    static final int POOLED = 16;
    static final int BYTES_PER_SIZE = 1 << 20;
    private final int[] sizes;
    private final MpmcArrayQueue<byte[]>[] free;

    @SuppressWarnings("unchecked")
    RingArrays(int... capacities) {
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>();
        for (int c : capacities) {
            for (int size = ByteRing.FIRST_ARRAY; size < c; size <<= 1) {
                all.add(size);
            }
            all.add(c);
        }
        this.sizes = all.stream().mapToInt(Integer::intValue).toArray();
        this.free = new MpmcArrayQueue[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            free[i] = new MpmcArrayQueue<>(Math.max(POOLED, BYTES_PER_SIZE / sizes[i]));
        }
    }

    /** Any thread: an array of {@code size} bytes, reused when one is free. */
    byte[] take(int size) {
        MpmcArrayQueue<byte[]> q = queueFor(size);
        byte[] a = q == null ? null : q.poll();
        return a != null ? a : new byte[size];
    }

    /** Any thread: an array no thread uses any more comes back (kept if there is room). */
    void give(byte[] a) {
        MpmcArrayQueue<byte[]> q = queueFor(a.length);
        if (q != null) {
            q.offer(a);
        }
    }

    private MpmcArrayQueue<byte[]> queueFor(int size) {
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == size) {
                return free[i];
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ring arrays:");
        for (int i = 0; i < sizes.length; i++) {
            sb.append(' ').append(free[i].size()).append(" of ").append(sizes[i]).append(" bytes");
        }
        return sb.toString();
    }
}
