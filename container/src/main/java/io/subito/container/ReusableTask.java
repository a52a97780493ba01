package io.subito.container;

import io.subito.container.guard.Guard;
import java.util.concurrent.ForkJoinTask;

/**
 * A worker-pool task made once and executed again and again (a connection's HTTP/1.1 batch, a
 * connection's batch of HTTP/2 streams). {@code ForkJoinPool.execute(Runnable)} wraps every
 * Runnable in a new task object; this one is its own. {@link #exec()} answers false, so the pool
 * never marks it done and it can be executed again, even while a worker still runs it (the
 * technique Akka's mailboxes use). A throw out of {@link #run} is reported and goes no further:
 * it would mark the task done for good.
 */
abstract class ReusableTask extends ForkJoinTask<Void> implements Runnable {
    private static final long serialVersionUID = 1L;
    /** Names the work in a report of what it threw. */
    private final String what;

    ReusableTask(String what) {
        this.what = what;
    }

    @Override
    protected final boolean exec() {
        Guard.run(what, this);
        return false;
    }

    @Override
    public final Void getRawResult() {
        return null;
    }

    @Override
    protected final void setRawResult(Void value) {
        // no result: the work's outcome is on the socket
    }
}
