package io.subito.websocket.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Frames waiting to leave, in order, written without ever waiting for the socket: what it does
 * not take now is written when the loop says it is writable, by a worker. Whoever finds the
 * outbox idle writes (often the thread that sent, so a reply usually leaves at once, on the
 * thread that produced it); frames queued meanwhile are gathered into the same write.
 */
final class Outbox {
    /** A frame (header and payload) and who wants to know it left (null or failed with the cause). */
    record Frame(ByteBuffer[] buffers, Consumer<Throwable> done) {
        long remaining() {
            long n = 0;
            for (ByteBuffer b : buffers) {
                n += b.remaining();
            }
            return n;
        }
    }

    private static final int GATHER_MAX = 32;
    /** Each frame is a header and a payload. */
    private static final ThreadLocal<ByteBuffer[]> GATHER = ThreadLocal.withInitial(() -> new ByteBuffer[GATHER_MAX * 2]);

    private final Transport raw;
    private final Runnable onDrained;
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private boolean writing;
    private long queuedBytes;
    private Throwable failed;
    private final Runnable writeLater = () -> WsThreads.execute(this::drain);

    /** @param onDrained runs (on the draining thread) each time the queue has emptied */
    Outbox(Transport raw, Runnable onDrained) {
        this.raw = raw;
        this.onDrained = onDrained;
    }

    /** Queues a frame; writes it (and whatever is queued) now unless another thread is writing. */
    void send(Frame f) {
        Throwable dead;
        synchronized (this) {
            dead = failed;
            if (dead == null) {
                queue.add(f);
                queuedBytes += f.remaining();
                if (writing) {
                    return;
                }
                writing = true;
            }
        }
        if (dead != null) {
            f.done().accept(dead);
            return;
        }
        drain();
    }

    /** Bytes waiting: past a limit the connection stops reading (a client that sends but never reads). */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    /**
     * Writes queued frames, gathered, until the queue is empty or the socket takes no more. The
     * gathering array is the thread's (an idle connection holds none), and it is let go of
     * before any completion runs: a completion may send on another connection from this thread.
     */
    private void drain() {
        while (true) {
            ByteBuffer[] gather = GATHER.get();
            int frames = 0;
            int n = 0;
            synchronized (this) {
                if (queue.isEmpty()) {
                    writing = false;
                    break;
                }
                for (Frame f : queue) {
                    if (frames == GATHER_MAX) {
                        break;
                    }
                    for (ByteBuffer b : f.buffers()) {
                        if (n == gather.length) {
                            gather = java.util.Arrays.copyOf(gather, n * 2);
                            GATHER.set(gather);
                        }
                        gather[n++] = b;
                    }
                    frames++;
                }
            }
            long w;
            try {
                w = StagedWrite.write(raw, gather, n);
            } catch (IOException e) {
                fail(e);
                return;
            } finally {
                java.util.Arrays.fill(gather, 0, n, null);
            }
            int done = 0;
            synchronized (this) {
                queuedBytes -= w;
            }
            while (done < frames) {
                Frame f;
                synchronized (this) {
                    f = queue.peek();
                    if (f == null || f.remaining() != 0) {
                        break;
                    }
                    queue.poll();
                }
                complete(f, null);
                done++;
            }
            if (done < frames || raw.hasPendingOutput()) {
                if (!raw.isOpen()) {
                    fail(new IOException("connection closed"));
                    return;
                }
                raw.whenWritable(writeLater);
                return; // still 'writing': the writable callback continues
            }
        }
        onDrained.run();
    }

    private static void complete(Frame f, Throwable t) {
        if (f.done() != null) {
            f.done().accept(t);
        }
    }

    /** The connection is gone: every queued frame fails, and so will later ones. */
    void fail(Throwable cause) {
        Frame[] left;
        synchronized (this) {
            if (failed == null) {
                failed = cause;
            }
            left = queue.toArray(new Frame[0]);
            queue.clear();
            queuedBytes = 0;
            writing = false;
        }
        for (Frame f : left) {
            complete(f, cause);
        }
    }

    @Override
    public synchronized String toString() {
        return "outbox " + queue.size() + " frames, " + queuedBytes + " bytes" + (writing ? " writing" : "") + (failed != null ? " failed" : "");
    }
}
