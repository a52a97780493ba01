package io.subito.container;

import io.subito.container.guard.Guard;
import java.util.concurrent.ForkJoinTask;

/**
 * A connection's batch as a reusable ForkJoinPool task. {@code ForkJoinPool.execute(Runnable)}
 * wraps every Runnable in a new task object; this one is made once per connection instead.
 * {@link #exec()} answers false, so the pool never marks it done and it can be executed again
 * for the next batch (the technique Akka's mailboxes use). A batch hands the connection back to
 * its loop as its last action, so a following batch may start on another worker while this
 * call is still returning: nothing here touches the connection after {@code run()}.
 */
final class BatchTask extends ForkJoinTask<Void> {
    private static final long serialVersionUID = 1L;
    private final transient Connection connection;

    BatchTask(Connection connection) {
        this.connection = connection;
    }

    @Override
    protected boolean exec() {
        // run() closes its connection on failure; a throw out of here would mark this reusable
        // task done for good, and the pool would never run the connection's next batch
        Guard.run("a worker running a batch", connection);
        return false;
    }

    @Override
    public Void getRawResult() {
        return null;
    }

    @Override
    protected void setRawResult(Void value) {
        // no result: a batch's outcome is on the socket
    }
}
