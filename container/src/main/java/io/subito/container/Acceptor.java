package io.subito.container;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Accepts the connections of one listener on one of the selector loops (its {@code home}: the
 * listener is registered for OP_ACCEPT on that loop's selector, as Netty's event loop group does
 * it) and deals them round-robin to the loops. A connection the home loop keeps is registered at
 * once, with no thread switch and no wake-up; one dealt to another loop goes through that loop's
 * lock-free queue. On one loop a new connection thus costs no hand-off at all, where a thread of
 * its own blocked in {@code accept} cost two thread switches and a selector wake-up each.
 *
 * <p>Everything but {@link #start} and {@link #close} runs on the home loop's thread.
 */
final class Acceptor {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    /** What one readiness of the listener accepts at most: a burst of connections must not starve the loop's others. */
    static final int ACCEPTS_PER_TURN = 64;
    /** How long the listener is not watched after accept failed (out of file descriptors, typically): no spinning. */
    static final long BACKOFF_MILLIS = 50;

    private final HttpServer server;
    private final ServerSocketChannel listener;
    private final SelectorLoop[] loops;
    private final SelectorLoop home;
    /** Connections of this listener speak TLS (the HTTPS port). */
    private final boolean secure;
    private final CountDownLatch closed = new CountDownLatch(1);
    /** {@link #acceptReady}, made once: the loop runs it under its guard. */
    final Runnable onReady = this::acceptReady;
    private long nextId;
    private SelectionKey key;
    /** When the listener is watched again after a failure (loop time, millis); 0 while it is watched. */
    private long resumeAt;

    Acceptor(HttpServer server, ServerSocketChannel listener, SelectorLoop[] loops, SelectorLoop home, boolean secure) {
        this.server = server;
        this.listener = listener;
        this.loops = loops;
        this.home = home;
        this.secure = secure;
        // ids of the two listeners differ in their lowest bit, so both deal connections round-robin
        this.nextId = secure ? 1 : 0;
    }

    /** Registers the listener on its home loop (from the starting thread). */
    void start() throws IOException {
        listener.configureBlocking(false);
        home.execute(() -> home.watch(this));
    }

    /** Loop side: registers the listener for OP_ACCEPT; a listener closed already is left alone. */
    void register(java.nio.channels.Selector selector) {
        try {
            key = listener.register(selector, SelectionKey.OP_ACCEPT, this);
        } catch (ClosedChannelException e) {
            closed.countDown();
        }
    }

    /** Loop side: the listener has connections waiting. */
    void acceptReady() {
        for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
            SocketChannel ch;
            try {
                server.faultPoint("listen");
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return; // stopping
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accept failed: " + e.getMessage() + " (the listener rests "
                        + BACKOFF_MILLIS + " ms)");
                pause(home.now());
                return;
            }
            if (ch == null) {
                return; // none left
            }
            hand(ch);
        }
    }

    private void hand(SocketChannel ch) {
        if (!server.connectionOpened()) {
            LOG.log(System.Logger.Level.WARNING, server.isStopping() ? "refusing connection: the server is stopping"
                    : "refusing connection: maxConnections reached");
            closeQuietly(ch);
            return;
        }
        boolean handed = false;
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server.faultPoint("accept");
            long id = nextId += 2;
            SelectorLoop loop = loops[(int) ((id >>> 1) % loops.length)];
            // from here on the loop owns the channel and its count, also when registering fails
            handed = true;
            if (loop == home) {
                loop.adopt(ch, id, secure);
            } else {
                loop.register(ch, id, secure);
            }
        } catch (IOException e) {
            // the client is gone already
        } finally {
            if (!handed) {
                // also when an Error passes through here on its way to the guard
                closeQuietly(ch);
                server.connectionClosed();
            }
        }
    }

    /**
     * Loop side: stops watching the listener for {@link #BACKOFF_MILLIS} (accept failed, or an
     * Error came through). The loop wakes for {@link #resumeIfDue} in time.
     */
    void pause(long now) {
        if (key != null && key.isValid()) {
            key.interestOps(0);
            resumeAt = Math.max(1, now + BACKOFF_MILLIS);
        }
    }

    /** Loop side: 0 while the listener is watched, else when it is watched again. */
    long resumeAt() {
        return resumeAt;
    }

    /** Loop side: watches the listener again once its rest is over. */
    void resumeIfDue(long now) {
        if (resumeAt != 0 && now >= resumeAt) {
            resumeAt = 0;
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    /**
     * Closes the listener and waits (up to {@code millis}) until its socket is really closed: a
     * channel registered with a selector keeps its socket, still listening, until that selector
     * has dropped the key, so the home loop closes it and drops the key itself.
     */
    void close(long millis) throws IOException, InterruptedException {
        home.execute(this::closeOnLoop);
        if (!closed.await(millis, TimeUnit.MILLISECONDS)) {
            // the loop is stuck in an inline handler: the socket closes when the loop's selector does
            listener.close();
        }
    }

    private void closeOnLoop() {
        try {
            if (key != null) {
                key.cancel();
            }
            listener.close();
            home.dropCancelledKeys();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "while closing the listener: " + e);
        } finally {
            closed.countDown();
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // the peer is gone already
        }
    }
}
