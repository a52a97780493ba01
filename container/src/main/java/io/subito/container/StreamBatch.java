package io.subito.container;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The HTTP/2 streams one read of a connection made ready to run, handed to a worker as one task,
 * as HTTP/1.1 hands a connection's pipelined requests over in one batch: one hand-off, one
 * worker woken and one wake-up of the loop for the lot, instead of one each per stream. Only
 * streams whose request has ended (no body still to arrive) join a batch.
 *
 * <p>The streams of a connection still may block independently. A worker claims the streams one
 * by one ({@link #next}); a stream about to wait (for the client's window, or a handler flushing,
 * see {@link io.subito.container.http2.Http2Stream#beforeWait}) first calls {@link #handOff},
 * which sends what the batch produced so far and starts another worker on the streams nobody has
 * claimed yet; the loop's stall scan does the same for a batch whose current handler runs long
 * ({@link #splitIfStalled}). Several workers may so share one batch; the loop reuses it once the
 * last has left ({@link #isFree}).
 *
 * <p>A {@link ReusableTask}: the same object is executed again, also while another worker runs it.
 */
final class StreamBatch extends ReusableTask {
    private static final long serialVersionUID = 1L;
    private static final VarHandle NEXT;
    private static final VarHandle RUNNERS;
    private static final VarHandle SPARE;

    static {
        try {
            var l = MethodHandles.lookup();
            NEXT = l.findVarHandle(StreamBatch.class, "next", int.class);
            RUNNERS = l.findVarHandle(StreamBatch.class, "runners", int.class);
            SPARE = l.findVarHandle(StreamBatch.class, "spare", HttpExchange.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final transient Http2Link link;
    /** Filled by the loop while no worker runs the batch; read by the workers after the hand-off. */
    private transient StreamTask[] tasks = new StreamTask[8];
    private int count;
    /** The next stream to claim. */
    @SuppressWarnings("unused") private volatile int next;
    /** Workers inside {@link #run}. */
    @SuppressWarnings("unused") private volatile int runners;
    /** Loop only: the claim index the stall scan saw last. */
    private int seenAtScan = -1;
    /** Given to each stream while it runs here: see {@link #handOff}. */
    final transient Runnable beforeWait = this::handOff;

    StreamBatch(Http2Link link) {
        super("a worker running HTTP/2 streams");
        this.link = link;
    }

    /** Loop side: whether no worker is in the batch any more (it may be filled again). */
    boolean isFree() {
        return (int) RUNNERS.getVolatile(this) == 0;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Loop side, while free: one more stream. */
    void add(StreamTask t) {
        if (count == tasks.length) {
            tasks = Arrays.copyOf(tasks, count * 2);
        }
        tasks[count++] = t;
    }

    /** The exchange the batch's workers run their streams in, given back to the loop's pool after the batch. */
    private volatile HttpExchange spare;

    /** The batch's exchange, if a worker left it here; null otherwise. */
    HttpExchange takeSpare() {
        return (HttpExchange) SPARE.getAndSet(this, null);
    }

    /** Loop side: the streams added go to a worker; the batch is not free until every worker has left. */
    void dispatch() {
        NEXT.setVolatile(this, 0);
        seenAtScan = -1;
        if (spare == null) {
            spare = link.pooledExchange();
        }
        RUNNERS.setVolatile(this, 1);
        link.c.server.executeBatch(this);
    }

    /** Loop side, on reuse: drops the streams of the last round. */
    void clear() {
        Arrays.fill(tasks, 0, count, null);
        count = 0;
    }

    @Override
    public void run() {
        HttpExchange ex = takeSpare(); // a worker started by a hand-off finds none and makes one if it claims a stream
        int i;
        while ((i = (int) NEXT.getAndAdd(this, 1)) < count) {
            if (ex == null) {
                ex = link.newExchange();
            }
            if (!tasks[i].runInBatch(beforeWait, ex)) {
                ex = null; // an async request keeps it; it goes back to the loop's pool when it completes
            }
        }
        if (ex != null) {
            SPARE.compareAndSet(this, null, ex);
        }
        link.batchLeft();
        RUNNERS.getAndAdd(this, -1); // the last touch: the loop may refill the batch from here on
    }

    /**
     * A stream of this batch is about to wait (any thread inside the batch): what the batch has
     * produced leaves now, and the streams not yet claimed go on without it, on another worker.
     */
    private void handOff() {
        link.wakeForReturns();
        if ((int) NEXT.getVolatile(this) < count) {
            RUNNERS.getAndAdd(this, 1);
            link.c.server.executeBatch(this);
        }
    }

    /**
     * Loop side, from the stall scan: a batch whose streams waited unclaimed since the last scan
     * (its current handler runs long, or waits on something the engine does not see) gets
     * another worker for them.
     */
    void splitIfStalled() {
        if (isFree()) {
            return;
        }
        int claimed = (int) NEXT.getVolatile(this);
        if (claimed < count && claimed == seenAtScan) {
            RUNNERS.getAndAdd(this, 1);
            link.c.server.executeBatch(this);
        }
        seenAtScan = claimed;
    }

    @Override
    public String toString() {
        return "HTTP/2 batch of " + count + " streams, " + Math.min((int) NEXT.getVolatile(this), count) + " claimed, "
                + (int) RUNNERS.getVolatile(this) + " workers";
    }
}
