package io.subito.container;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

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
        return sum(LoopStats::accepted);
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
        return sum(LoopStats::requests);
    }

    public long batches() {
        return sum(LoopStats::batches);
    }

    public long bytesIn() {
        return sum(LoopStats::bytesIn);
    }

    public long bytesOut() {
        return sum(LoopStats::bytesOut);
    }

    /** Responses of status class {@code c}: 1 = 1xx ... 5 = 5xx. */
    public long responses(int c) {
        return sum(l -> l.responses(c));
    }

    private long sum(ToLongFunction<LoopStats> counter) {
        long n = 0;
        for (LoopStats l : loops) {
            n += counter.applyAsLong(l);
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
