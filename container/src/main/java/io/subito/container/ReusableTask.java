package io.subito.container;

/**
 * A worker-pool task made once and executed again and again (a connection's HTTP/1.1 batch, a
 * connection's batch of HTTP/2 streams): {@link WorkerPool} queues the object itself, with no
 * wrapper per execution, and it may be queued again while a worker still runs it. A throw out of
 * {@link #run} is reported under {@link #what} and goes no further.
 */
abstract class ReusableTask implements Runnable {
    /** Names the work in a report of what it threw. */
    final String what;

    ReusableTask(String what) {
        this.what = what;
    }
}
