package io.subito.container;

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

    Acceptor(HttpServer server, ServerSocketChannel listener, SelectorLoop[] loops) {
        this.server = server;
        this.listener = listener;
        this.loops = loops;
        this.thread = new Thread(this, "subito-acceptor");
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (listener.isOpen()) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accept failed: " + e.getMessage());
                pause();
                continue;
            }
            hand(ch);
        }
    }

    private void hand(SocketChannel ch) {
        if (!server.connectionOpened()) {
            LOG.log(System.Logger.Level.WARNING, "refusing connection: maxConnections reached");
            closeQuietly(ch);
            return;
        }
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            closeQuietly(ch);
            server.connectionClosed();
            return;
        }
        long id = ++nextId;
        loops[(int) (id % loops.length)].register(ch, id);
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
