package io.subito.container;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's counters, for monitoring (the server's MBeans read these). Totals are the sums
 * of the loops' {@link LoopStats}, added up when asked; nothing here is written per request.
 */
public final class ServerStats {
    private final List<LoopStats> loops;
    private final AtomicInteger open;
    private final ForkJoinPool pool;
    final LongAdder refusedConnections = new LongAdder();
    final LongAdder refusedRequests = new LongAdder();

    ServerStats(List<LoopStats> loops, AtomicInteger open, ForkJoinPool pool) {
        this.loops = loops;
        this.open = open;
        this.pool = pool;
    }

    /** Each loop's counters, in loop order. */
    public List<LoopStats> loops() {
        return loops;
    }

    public int openConnections() {
        return open.get();
    }

    public long acceptedConnections() {
        long n = 0;
        for (LoopStats l : loops) {
            n += l.accepted();
        }
        return n;
    }

    /** Connections closed at once because {@code maxConnections} were open (or the server was stopping). */
    public long refusedConnections() {
        return refusedConnections.sum();
    }

    /** Requests the engine answered itself with 400, 413, 414, 431, 501 or 505 (also counted in requests). */
    public long refusedRequests() {
        return refusedRequests.sum();
    }

    public long requests() {
        long n = 0;
        for (LoopStats l : loops) {
            n += l.requests();
        }
        return n;
    }

    public long batches() {
        long n = 0;
        for (LoopStats l : loops) {
            n += l.batches();
        }
        return n;
    }

    public long bytesIn() {
        long n = 0;
        for (LoopStats l : loops) {
            n += l.bytesIn();
        }
        return n;
    }

    public long bytesOut() {
        long n = 0;
        for (LoopStats l : loops) {
            n += l.bytesOut();
        }
        return n;
    }

    /** Responses of status class {@code c}: 1 = 1xx ... 5 = 5xx. */
    public long responses(int c) {
        long n = 0;
        for (LoopStats l : loops) {
            n += l.responses(c);
        }
        return n;
    }

    /** Workers running a batch now; -1 when batches do not run on the worker pool (inline, virtual). */
    public int workersActive() {
        return pool == null ? -1 : pool.getActiveThreadCount();
    }

    /** Batches waiting for a worker; -1 when batches do not run on the worker pool. */
    public long workersQueued() {
        return pool == null ? -1 : pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount();
    }
}
