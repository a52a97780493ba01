package io.subito.container;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one selector loop, cheap enough for the hot path. What the loop thread itself
 * counts (connections it took and closed, batches it started, requests run inline on it) goes
 * into plain fields that only it writes: no atomic instruction, no shared cache line with
 * another writer. Requests that run on workers or virtual threads are counted in
 * {@link LongAdder}s, whose cells spread the writers. A reader adds both up; it may see a value
 * a moment old, never a lost count.
 *
 * <p>Bytes are the bodies' bytes (request bodies read by the handler, response bodies written),
 * as Tomcat's {@code bytesReceived}/{@code bytesSent} count them; heads are not included.
 */
public final class LoopStats {
    /** Status classes: index 1 for 1xx ... 5 for 5xx; 0 for anything outside 100-599. */
    public static final int CLASSES = 6;

    private final Thread loopThread;

    // written by the loop thread only (requests are the sum of the status classes)
    private long accepted;
    private long closed;
    private long batches;
    private long bytesIn;
    private long bytesOut;
    private final long[] byClass = new long[CLASSES];

    // written by any other thread
    private final LongAdder otherBytesIn = new LongAdder();
    private final LongAdder otherBytesOut = new LongAdder();
    private final LongAdder[] otherByClass = new LongAdder[CLASSES];

    LoopStats(Thread loopThread) {
        this.loopThread = loopThread;
        for (int i = 0; i < CLASSES; i++) {
            otherByClass[i] = new LongAdder();
        }
    }

    /** Loop thread: a connection was registered with the loop. */
    void countAccepted() {
        accepted++;
    }

    /** Loop thread: a connection of the loop was closed. */
    void countClosed() {
        closed++;
    }

    /** Loop thread: a batch was handed to its executor (or run inline). */
    void countBatch() {
        batches++;
    }

    /** A response is complete (as far as the handler is concerned); any thread. */
    void served(int status, long in, long out) {
        int c = statusClass(status);
        if (Thread.currentThread() == loopThread) {
            bytesIn += in;
            bytesOut += out;
            byClass[c]++;
        } else {
            // two cells touched for a typical GET: its status class and its body bytes
            otherByClass[c].increment();
            if (in > 0) {
                otherBytesIn.add(in);
            }
            if (out > 0) {
                otherBytesOut.add(out);
            }
        }
    }

    static int statusClass(int status) {
        return status >= 100 && status < 600 ? status / 100 : 0;
    }

    public long accepted() {
        return accepted;
    }

    public long closedConnections() {
        return closed;
    }

    public long batches() {
        return batches;
    }

    public long requests() {
        long n = 0;
        for (int c = 0; c < CLASSES; c++) {
            n += responses(c);
        }
        return n;
    }

    /** Requests whose handler ran on the loop thread itself (execution=inline). */
    public long requestsOnLoop() {
        long n = 0;
        for (long v : byClass) {
            n += v;
        }
        return n;
    }

    public long bytesIn() {
        return bytesIn + otherBytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut + otherBytesOut.sum();
    }

    /** Responses of status class {@code c} (1 = 1xx ... 5 = 5xx, 0 = other). */
    public long responses(int c) {
        return byClass[c] + otherByClass[c].sum();
    }
}
