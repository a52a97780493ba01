package io.subito.container;

/**
 * A connection's batch as a reusable pool task ({@link ReusableTask}), made once per connection.
 * A batch hands the connection back to its loop as its last action, so a following batch may
 * start on another worker while this call is still returning: nothing here touches the
 * connection after {@code run()}, which closes its connection on failure.
 */
final class BatchTask extends ReusableTask {
    private static final long serialVersionUID = 1L;
    private final transient Connection connection;

    BatchTask(Connection connection) {
        super("a worker running a batch");
        this.connection = connection;
    }

    @Override
    public void run() {
        connection.run();
    }
}
