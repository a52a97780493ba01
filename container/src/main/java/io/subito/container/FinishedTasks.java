package io.subito.container;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The stream tasks of one HTTP/2 connection whose handlers finished since the loop last took
 * them back: a lock-free stack linked through {@link StreamTask#nextFinished}, pushed by any
 * thread and taken whole by the loop, with the flag that one wake-up of the loop is already on
 * its way. A batch of streams pushes all of its own and wakes the loop once.
 */
final class FinishedTasks {
    private static final VarHandle TOP;
    private static final VarHandle WAKE;

    static {
        try {
            var l = MethodHandles.lookup();
            TOP = l.findVarHandle(FinishedTasks.class, "top", StreamTask.class);
            WAKE = l.findVarHandle(FinishedTasks.class, "wakePending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") private volatile StreamTask top;
    /** 1 while a wake-up of the loop is pending. */
    @SuppressWarnings("unused") private volatile int wakePending;

    /** Any thread: {@code t}'s handler finished. */
    void push(StreamTask t) {
        StreamTask head;
        do {
            head = (StreamTask) TOP.getVolatile(this);
            t.nextFinished = head;
        } while (!TOP.compareAndSet(this, head, t));
    }

    /** Any thread: whether the caller is the one to wake the loop (no wake-up is pending yet). */
    boolean wakeNeeded() {
        return WAKE.compareAndSet(this, 0, 1);
    }

    /** Loop side: the pending wake-up is being served; pushes from now on wake the loop again. */
    void woken() {
        WAKE.setVolatile(this, 0);
    }

    /** Loop side: every task pushed so far, linked through {@link StreamTask#nextFinished} (newest first); null if none. */
    StreamTask takeAll() {
        return (StreamTask) TOP.getAndSet(this, null);
    }

    @Override
    public String toString() {
        return TOP.getVolatile(this) == null ? "no handler finished" : "handlers finished";
    }
}
