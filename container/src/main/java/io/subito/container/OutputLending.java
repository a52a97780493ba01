package io.subito.container;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Lending a batch's output to the loop. Responses finished earlier in a batch wait in the
 * connection's {@link OutputBuffer} for the batch's one write. While the next handler runs on a
 * worker, the loop may send them if that handler runs longer than {@code stallFlushMillis}
 * ({@link #flushIfStalled}), so a slow request does not hold back the fast ones before it.
 *
 * <pre>
 *   batch thread                         loop thread (stall scan)
 *   OWNER --lend()--&gt; LENT --CAS--&gt; LOOP (writes what was published, never blocks)
 *     ^                 ^              |
 *     |                 +--release-----+
 *     +--reclaim(): CAS LENT -&gt; OWNER, spinning only while the loop is writing
 * </pre>
 *
 * The batch thread keeps appending to the buffer while it is lent and publishes each finished
 * response with a release store ({@link OutputBuffer#publish}); the loop moves only the buffer's
 * start. Before it writes, or before bytes would move (growth, compaction), the batch thread takes
 * the buffer back: once per batch in the common case. No lock, no copy. Inline batches run on
 * the loop itself and never lend.
 */
final class OutputLending {
    /** Who may touch the output while a handler runs on a worker. Changed only through {@link #GATE}. */
    enum Gate {
        /** The batch thread: it appends and writes. */
        OWNER,
        /** The loop may take it to send the finished responses of a stalled batch. */
        LENT,
        /** The loop is writing; the batch thread waits (spins) before writing or moving bytes. */
        LOOP
    }

    private static final VarHandle GATE;

    static {
        try {
            GATE = MethodHandles.lookup().findVarHandle(OutputLending.class, "gate", Gate.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final OutputBuffer out;
    private final EventLoop loop;
    /** Batches run on workers and stallFlushMillis is on. */
    private final boolean enabled;
    private final int stallFlushMillis;
    @SuppressWarnings("unused") // accessed through GATE
    private volatile Gate gate = Gate.OWNER;
    /** Batch side: whether the output is lent; a plain field, so the hot path checks it for free. */
    private boolean lent;
    private long handlerStartedAt;
    private final Runnable reclaim = this::reclaim;

    OutputLending(OutputBuffer out, EventLoop loop, boolean enabled, int stallFlushMillis) {
        this.out = out;
        this.loop = loop;
        this.enabled = enabled && stallFlushMillis > 0;
        this.stallFlushMillis = stallFlushMillis;
    }

    /** Whether batches lend at all: run on workers with stallFlushMillis on (callers skip this object otherwise). */
    boolean isEnabled() {
        return enabled;
    }

    /** Batch side, before a handler runs: finished responses, if any, may be sent by the loop meanwhile. */
    void lend() {
        if (!enabled || out.isEmpty()) {
            return;
        }
        handlerStartedAt = loop.now(); // published by the release store below
        if (lent) {
            out.publish();
            return;
        }
        lent = true;
        out.lend(reclaim);
        GATE.setRelease(this, Gate.LENT);
    }

    /** Batch side: whether the output is lent (then take it back before writing). */
    boolean isLent() {
        return lent;
    }

    /**
     * Batch side, before writing or moving the output (appending needs nothing): waits out a
     * loop write in progress, which does not block. One CAS per batch, at its end, in the common case.
     */
    void reclaim() {
        if (lent) {
            lent = false;
            while (!GATE.compareAndSet(this, Gate.LENT, Gate.OWNER)) {
                Thread.onSpinWait();
            }
            out.endLend();
        }
    }

    /** Loop side, from the stall scan: sends what a long-running handler's batch has finished so far; true if the socket was written. */
    boolean flushIfStalled(long now, Transport transport) {
        if ((Gate) GATE.getAcquire(this) != Gate.LENT || now - handlerStartedAt < stallFlushMillis
                || !GATE.compareAndSet(this, Gate.LENT, Gate.LOOP)) {
            return false;
        }
        boolean wrote = false;
        try {
            out.writeSealed(transport);
            wrote = true;
        } catch (IOException e) {
            // the handler's own next write reports the broken connection
        } finally {
            GATE.setRelease(this, Gate.LENT);
        }
        return wrote;
    }

    @Override
    public String toString() {
        return "output " + out.size() + (lent ? " lent, gate " + gate : "");
    }
}
