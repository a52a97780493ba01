package io.subito.container;

import io.subito.container.tls.ServerTls;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine without a socket, for fast protocol tests (as Jetty's {@code LocalConnector} and
 * Netty's {@code EmbeddedChannel}): request bytes in, response bytes out, through the real
 * {@link Connection}, HTTP/1.1 batch runner, response framing and handler, on an in-memory
 * transport. Nothing listens and nothing is started.
 *
 * <pre>{@code
 * LocalConnector local = new LocalConnector(handler);
 * String responses = local.responses("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
 *
 * try (LocalConnector.Endpoint c = local.connect()) {
 *     c.send("GET /a HTTP/1.1\r\nHo");           // half a head: nothing is served yet
 *     c.send("st: x\r\n\r\n");                   // now it is, on this thread
 *     String first = c.takeText();
 * }
 * }</pre>
 *
 * Batches run inline on the thread that calls {@link Endpoint#send} (as {@code execution=inline}:
 * {@link HttpExchange#mayBlock()} answers false). A handler can read only the body bytes sent
 * before it ran: a read past them fails as a read timeout would. Work that application threads
 * hand back to the loop (an async {@code complete()}, readiness callbacks) runs when the test
 * drives the connection again, e.g. in {@link Endpoint#awaitIdle}. Timeouts (keep-alive, slow
 * heads) are not applied: there is no reaper.
 */
public final class LocalConnector {
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final HttpServer server;
    private final LocalLoop loop;
    private final AtomicLong ids = new AtomicLong();
    /** For TLS in memory: the engines' settings, and their packet buffers; null for plaintext. */
    private final ServerTls tls;
    private final TlsBuffers tlsBuffers;

    /** The engine with its default configuration. */
    public LocalConnector(HttpHandler handler) {
        this(new ServerConfig(), handler);
    }

    /** The engine with {@code config}'s limits and sizes; its address, loops and execution mode do not apply. */
    public LocalConnector(ServerConfig config, HttpHandler handler) {
        this(config, handler, null);
    }

    /**
     * The engine speaking TLS with {@code tls}'s engines: the client's bytes are TLS records (an
     * {@code SSLEngine} in client mode makes them) and so are the server's.
     */
    public LocalConnector(ServerConfig config, HttpHandler handler, ServerTls tls) {
        this.server = new HttpServer(config, handler); // never started: it only answers the connection's questions
        this.loop = new LocalLoop(server.config());
        this.tls = tls;
        this.tlsBuffers = tls == null ? null : new TlsBuffers(tls.packetBufferSize(), 16);
    }

    /** A new connection from a client that has sent nothing yet. */
    public Endpoint connect() {
        return new Endpoint(ids.incrementAndGet());
    }

    /**
     * Sends {@code requests} (one or several, pipelined) on a new connection, waits until they are
     * served, then closes the client's side and returns every byte the server sent.
     */
    public byte[] responses(byte[] requests) {
        try (Endpoint c = connect()) {
            c.send(requests);
            c.awaitIdle(DEFAULT_WAIT);
            c.shutdownOutput();
            return c.takeOutput();
        }
    }

    /** {@link #responses(byte[])} for text: ISO-8859-1 both ways, as HTTP/1.1 heads are. */
    public String responses(String requests) {
        return new String(responses(requests.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    /**
     * One client connection. Every method drives the connection on the calling thread until it has
     * nothing more to do without the client: complete requests are served, incomplete ones wait.
     */
    public final class Endpoint implements AutoCloseable {
        private final LocalTransport transport;
        private final Connection connection;

        Endpoint(long id) {
            this.transport = new LocalTransport(server.config().port());
            Transport t = tls == null ? transport : new TlsTransport(transport, tls.newEngine(), tlsBuffers, loop, null, null,
                    tls.settings().handshakeTimeoutMillis());
            this.connection = new Connection(id, loop, t, server);
        }

        /** The client sends {@code bytes}; what they complete is served before this returns. */
        public Endpoint send(byte[] bytes) {
            transport.clientSends(bytes, 0, bytes.length);
            drive(null);
            return this;
        }

        /** {@link #send(byte[])} for text in ISO-8859-1. */
        public Endpoint send(String text) {
            return send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** The client sends {@code text} (ISO-8859-1) and shuts its output: the server reads the bytes, then the end of the stream. */
        public Endpoint sendLast(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            transport.clientSends(bytes, 0, bytes.length);
            transport.clientShutsOutput();
            drive(null);
            return this;
        }

        /** The client shuts its output (FIN): the server reads the end of the stream. */
        public Endpoint shutdownOutput() {
            transport.clientShutsOutput();
            drive(null);
            return this;
        }

        /**
         * Drives the connection until nothing is in progress: no request being served or
         * suspended (async) and no task from another thread pending. Fails after {@code timeout}.
         */
        public Endpoint awaitIdle(Duration timeout) {
            drive(timeout);
            return this;
        }

        /** The bytes the server sent since the last call. */
        public byte[] takeOutput() {
            return transport.takeReceived();
        }

        /** {@link #takeOutput()} as ISO-8859-1 text. */
        public String takeText() {
            return new String(takeOutput(), StandardCharsets.ISO_8859_1);
        }

        /** Whether the server shut its side (after a response that ends the connection), or closed it. */
        public boolean isOutputShutdown() {
            return transport.isOutputShut();
        }

        /** How many reads the server made from this connection so far (each a system call on a socket). */
        public int reads() {
            return transport.reads();
        }

        /** How many of those reads found nothing (on a socket: a system call for nothing). */
        public int emptyReads() {
            return transport.emptyReads();
        }

        /** How many writes the server made to this connection so far (each a system call on a socket). */
        public int writes() {
            return transport.writes();
        }

        /** Whether the server has not closed the connection. */
        public boolean isOpen() {
            return connection.state() != ConnectionState.CLOSED;
        }

        /** The client goes away: the connection closes (after serving what was complete). */
        @Override
        public void close() {
            if (isOpen()) {
                transport.clientShutsOutput();
                drive(null);
                loop.enter();
                try {
                    connection.close();
                } finally {
                    loop.leave();
                }
            }
        }

        /** What the connection is doing, for assertion messages. */
        @Override
        public String toString() {
            return connection.toString();
        }

        /**
         * Does what a selector loop would: runs queued tasks and reports readiness as the
         * connection's interest asks (writes are always possible here, reads when the client has
         * sent something or shut its output), until nothing is left to do; then, if
         * {@code timeout} is given, waits for tasks from other threads until the connection is idle.
         */
        private void drive(Duration timeout) {
            loop.enter();
            try {
                long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
                while (true) {
                    boolean acted = loop.runTasks();
                    if (isOpen()) {
                        int ops = transport.interestOps();
                        if ((ops & SelectionKey.OP_WRITE) != 0) {
                            connection.onWritable();
                            acted = true;
                        }
                        if ((ops & SelectionKey.OP_READ) != 0 && transport.readable() && isOpen()) {
                            connection.onReadable();
                            acted = true;
                        }
                    }
                    if (acted) {
                        continue;
                    }
                    if (timeout == null || settled()) {
                        return;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !loop.runNextTask(Math.max(1, left / 1_000_000))) {
                        if (!settled()) {
                            throw new IllegalStateException("not idle after " + timeout.toMillis() + " ms: " + connection);
                        }
                        return;
                    }
                }
            } catch (IOException e) {
                connection.close(); // as the selector loop does when a readiness handler fails
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while driving " + connection, e);
            } finally {
                loop.leave();
            }
        }

        private boolean settled() {
            return switch (connection.state()) {
                case READING, CLOSING, CLOSED, UPGRADED -> true;
                default -> false;
            };
        }
    }
}
