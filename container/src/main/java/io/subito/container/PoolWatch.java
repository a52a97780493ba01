package io.subito.container;

import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a {@link WorkerPool}'s queue from waiting on blocked workers: every tick it looks at the
 * queue, and when tasks were queued at the last tick and still are with none taken since (every
 * awake worker blocked in a handler, or busy with a long one), it has the pool wake another.
 *
 * <p>While the pool has been quiet for {@link #QUIET_TICKS} ticks in a row the watch parks until
 * a task arrives, so an idle server is not woken a thousand times a second; under load it never
 * gets there, and a task's arrival costs one volatile read.
 */
final class PoolWatch extends Thread {
    static final int QUIET_TICKS = 100;

    private final WorkerPool pool;
    private final long tickNanos;
    private volatile boolean sleeping;
    private volatile boolean ended;

    PoolWatch(WorkerPool pool, String name, long tickNanos) {
        super(name);
        this.pool = pool;
        this.tickNanos = tickNanos;
        setDaemon(true);
    }

    /** Called after each task is queued: wakes the watch if it sleeps. */
    void workArrived() {
        if (sleeping) {
            sleeping = false;
            LockSupport.unpark(this);
        }
    }

    void end() {
        ended = true;
        LockSupport.unpark(this);
    }

    @Override
    public void run() {
        long lastTaken = -1;
        boolean queuedBefore = false;
        int quiet = 0;
        while (!ended) {
            LockSupport.parkNanos(this, tickNanos);
            boolean queued = pool.hasQueued();
            long taken = pool.taken();
            if (queued && queuedBefore && taken == lastTaken) {
                pool.stalled();
            }
            lastTaken = taken;
            queuedBefore = queued;
            quiet = queued || pool.running() > 0 ? 0 : quiet + 1;
            if (quiet >= QUIET_TICKS) {
                sleeping = true;
                // a task queued after this check sees sleeping and unparks
                if (!pool.hasQueued() && !ended) {
                    LockSupport.park(this);
                }
                sleeping = false;
                quiet = 0;
                queuedBefore = false;
            }
        }
    }
}
