package io.subito.servlet.lifecycle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * One application's requests started, ended and answered with an error, counted without an
 * atomic instruction per request. Each counting owner (the container's pooled per-exchange
 * state, which one thread uses at a time) holds a {@link Cell} of the application's and adds to
 * it with ordered plain stores; a reader sums the cells. A cell whose owner was collected (its
 * pool dropped it) or let it go is taken by the next owner that needs one, its counts kept: no
 * count is lost, and the cells stay about as many as owners were in use at once.
 *
 * <p>A reader sees a sum a moment old, never one that went backwards; {@link #active()} reads
 * each cell's ends before its starts, so it is never negative.
 */
public final class RequestCounters {
    private final Object lock = new Object();
    /** Copy-on-write under {@link #lock}; cells are only ever added (their counts must stay). */
    private volatile Cell[] cells = new Cell[0];

    /**
     * A cell for {@code owner} to count into: one no longer owned (its owner collected or gone
     * elsewhere), else a new one. Called once per owner and application, not per request.
     */
    public Cell cellFor(Object owner) {
        synchronized (lock) {
            for (Cell c : cells) {
                if (c.owner == null || c.owner.get() == null) {
                    c.owner = new WeakReference<>(owner);
                    return c;
                }
            }
            Cell c = new Cell(this);
            c.owner = new WeakReference<>(owner);
            Cell[] now = cells;
            Cell[] next = java.util.Arrays.copyOf(now, now.length + 1);
            next[now.length] = c;
            cells = next;
            return c;
        }
    }

    /** Requests started since the application started. */
    public long started() {
        long n = 0;
        for (Cell c : cells) {
            n += (long) Cell.STARTED.getAcquire(c);
        }
        return n;
    }

    /** Requests ended with a 4xx or 5xx status. */
    public long errors() {
        long n = 0;
        for (Cell c : cells) {
            n += (long) Cell.ERRORS.getAcquire(c);
        }
        return n;
    }

    /** Requests started and not ended yet. */
    public long active() {
        long n = 0;
        for (Cell c : cells) {
            long ended = (long) Cell.ENDED.getAcquire(c); // before the starts: a request's start precedes its end
            n += (long) Cell.STARTED.getAcquire(c) - ended;
        }
        return n;
    }

    /** Cells made so far (one per owner in use at once, at most). */
    int cellCount() {
        return cells.length;
    }

    /**
     * One owner's counts. Written only by the thread its owner runs on at the time; an owner
     * moves between threads through the container's queues, which order the writes. A cell
     * taken over from a collected owner was last written before the collection that cleared the
     * owner, which every thread passed a safepoint for.
     */
    public static final class Cell {
        static final VarHandle STARTED;
        static final VarHandle ENDED;
        static final VarHandle ERRORS;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                STARTED = l.findVarHandle(Cell.class, "started", long.class);
                ENDED = l.findVarHandle(Cell.class, "ended", long.class);
                ERRORS = l.findVarHandle(Cell.class, "errors", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final RequestCounters counters;
        /** Guarded by the counters' lock; null once the owner let the cell go. */
        private WeakReference<Object> owner;
        private long started;
        private long ended;
        private long errors;

        Cell(RequestCounters counters) {
            this.counters = counters;
        }

        /** Whether this cell counts for {@code c}. */
        public boolean countsFor(RequestCounters c) {
            return counters == c;
        }

        /** A request of the application started. */
        public void started() {
            STARTED.setRelease(this, started + 1);
        }

        /** A request ended with {@code status}; 4xx and 5xx count as errors (as Tomcat's errorCount). */
        public void ended(int status) {
            if (status >= 400) {
                ERRORS.setRelease(this, errors + 1);
            }
            ENDED.setRelease(this, ended + 1);
        }

        /** The owner gives the cell up (its counts stay), for another owner to take. */
        public void release() {
            synchronized (counters.lock) {
                owner = null;
            }
        }
    }
}
