package io.subito.container;

import org.jctools.queues.MpmcArrayQueue;

/**
 * The arrays of HTTP/2 streams' byte rings (request bodies in, response bodies out), reused by
 * the streams of one loop's connections: a stream takes one when its first body byte is written
 * (on the loop for request bodies, on the handler's thread for responses) and the loop gives it
 * back once the stream is done, its handler returned and both sides closed. Without them every
 * response with a body would cost its {@code responseBuffer} (32 KiB) in garbage. Lock-free
 * (taken from any thread); at most {@link #POOLED} arrays of each size are kept, and only the
 * sizes the server's configuration gives rings.
 */
final class RingArrays {
    static final int POOLED = 16;
    private final int[] sizes;
    private final MpmcArrayQueue<byte[]>[] free;

    @SuppressWarnings("unchecked")
    RingArrays(int... sizes) {
        this.sizes = sizes.clone();
        this.free = new MpmcArrayQueue[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            free[i] = new MpmcArrayQueue<>(POOLED);
        }
    }

    /** Any thread: an array of {@code size} bytes, reused when one is free. */
    byte[] take(int size) {
        MpmcArrayQueue<byte[]> q = queueFor(size);
        byte[] a = q == null ? null : q.poll();
        return a != null ? a : new byte[size];
    }

    /** Loop side: an array no thread uses any more comes back (kept if there is room). */
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
