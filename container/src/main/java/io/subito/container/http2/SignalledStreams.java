package io.subito.container.http2;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The streams of one connection that have something for the loop (output, or read body bytes
 * to grant again) since it last framed: a lock-free stack linked through
 * {@link Http2Stream#nextReady}, pushed by any thread (a stream is in it at most once, see
 * {@link Http2Stream#markQueued}), taken whole by the loop and handed out oldest first. With
 * it, the flag that one wake-up of the loop is already on its way. No queue object: an idle
 * connection holds two fields.
 */
final class SignalledStreams {
    private static final VarHandle TOP;
    private static final VarHandle WAKE;

    static {
        try {
            var l = MethodHandles.lookup();
            TOP = l.findVarHandle(SignalledStreams.class, "top", Http2Stream.class);
            WAKE = l.findVarHandle(SignalledStreams.class, "wakePending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") private volatile Http2Stream top;
    /** 1 while a wake-up of the loop is pending. */
    @SuppressWarnings("unused") private volatile int wakePending;

    /** Any thread: pushes {@code s}, which its caller marked queued. */
    void push(Http2Stream s) {
        Http2Stream head;
        do {
            head = (Http2Stream) TOP.getVolatile(this);
            s.nextReady = head;
        } while (!TOP.compareAndSet(this, head, s));
    }

    /** Any thread: whether the caller is the one to wake the loop (no wake-up is pending yet). */
    boolean wakeNeeded() {
        return WAKE.compareAndSet(this, 0, 1);
    }

    /** Loop side: the pending wake-up is being served; pushes from now on wake the loop again. */
    void woken() {
        WAKE.setVolatile(this, 0);
    }

    /** Loop side: every stream pushed so far, oldest first, linked through {@link Http2Stream#nextReady}; null if none. */
    Http2Stream takeAll() {
        Http2Stream taken = (Http2Stream) TOP.getAndSet(this, null);
        Http2Stream oldestFirst = null;
        while (taken != null) {
            Http2Stream next = taken.nextReady;
            taken.nextReady = oldestFirst;
            oldestFirst = taken;
            taken = next;
        }
        return oldestFirst;
    }

    @Override
    public String toString() {
        return TOP.getVolatile(this) == null ? "no stream signalled" : "streams signalled";
    }
}
