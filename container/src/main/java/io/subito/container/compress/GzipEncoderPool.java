package io.subito.container.compress;

import org.jctools.queues.MpmcArrayQueue;

/**
 * The gzip encoders of one selector loop, reused across its responses. A response may be
 * written on the loop, a worker or a virtual thread, so taking and giving back are lock-free
 * (a jctools MPMC queue; one CAS each). Bounded: when all pooled encoders are in use a new one is
 * made, and one given back to a full pool is ended at once, so an idle server keeps at most
 * {@code capacity} deflaters. {@link #close} (the loop's end) frees their native memory.
 */
public final class GzipEncoderPool {
    /** The smallest output array an encoder gets, whatever the response buffer size. */
    private static final int MIN_OUT_BYTES = 4096;
    private final MpmcArrayQueue<GzipEncoder> free;
    private final int outBytes;
    private volatile boolean closed;

    /**
     * @param capacity    encoders kept while not in use
     * @param bufferBytes the response buffer size: a body that fits it compresses in one pass
     */
    public GzipEncoderPool(int capacity, int bufferBytes) {
        this.free = new MpmcArrayQueue<>(Math.max(2, capacity));
        this.outBytes = Math.max(GzipEncoder.bound(Math.max(bufferBytes, 0)), MIN_OUT_BYTES);
    }

    /** A reset encoder, ready for {@link GzipEncoder#begin}. */
    public GzipEncoder take() {
        GzipEncoder e = free.relaxedPoll();
        return e != null ? e : new GzipEncoder(this, outBytes);
    }

    void give(GzipEncoder e) {
        if (closed || !free.relaxedOffer(e)) {
            e.end();
            return;
        }
        if (closed) {
            drain(); // closed while this one went in: it must not outlive the pool
        }
    }

    /** Ends every pooled encoder; encoders in use are ended when given back. */
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        GzipEncoder e;
        while ((e = free.poll()) != null) {
            e.end();
        }
    }

    /** Encoders waiting in the pool. */
    public int pooled() {
        return free.size();
    }
}
