package io.subito.container;

import io.subito.container.guard.Guard;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Accepts connections on one thread and deals them round-robin to the loops through their
 * lock-free queues: one hand-off per connection, none per request.
 */
final class Acceptor implements Runnable {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    private final HttpServer server;
    private final ServerSocketChannel listener;
    private final SelectorLoop[] loops;
    private final Thread thread;
    private long nextId;
    private final Runnable acceptOne = this::acceptOne;
    /** Connections of this listener speak TLS (the HTTPS port). */
    private final boolean secure;

    Acceptor(HttpServer server, ServerSocketChannel listener, SelectorLoop[] loops, boolean secure) {
        this.server = server;
        this.listener = listener;
        this.loops = loops;
        this.secure = secure;
        this.thread = new Thread(this, secure ? "subito-acceptor-https" : "subito-acceptor");
        // ids of the two listeners differ in their lowest bit, so both deal connections round-robin
        this.nextId = secure ? 1 : 0;
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (listener.isOpen()) {
            if (!Guard.run("the acceptor", acceptOne)) {
                pause(); // what failed (memory, typically) may fail again at once: do not spin
            }
        }
    }

    private void acceptOne() {
        SocketChannel ch;
        try {
            ch = listener.accept();
        } catch (ClosedChannelException e) {
            return; // stopping: the loop condition ends the thread
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "accept failed: " + e.getMessage());
            pause();
            return;
        }
        hand(ch);
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
            loops[(int) ((id >>> 1) % loops.length)].register(ch, id, secure);
            handed = true;
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

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // the peer is gone already
        }
    }

    /** Out of file descriptors, typically: back off instead of spinning. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }
}
