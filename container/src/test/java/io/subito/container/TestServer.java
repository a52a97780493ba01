package io.subito.container;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Starts an engine on an ephemeral port with short timeouts, for socket tests. */
public final class TestServer implements AutoCloseable {
    public final HttpServer server;
    private final List<RawClient> clients = new ArrayList<>();

    private TestServer(HttpServer server) {
        this.server = server;
    }

    /** A config suited to tests: ephemeral port, two loops, short grace period. */
    public static ServerConfig config(ExecutionMode mode) {
        return new ServerConfig().port(0).loops(2).workerThreads(8).mode(mode).shutdownGraceMillis(2000);
    }

    public static TestServer start(ExecutionMode mode, HttpHandler handler) throws IOException {
        return start(config(mode), handler);
    }

    public static TestServer start(ServerConfig config, HttpHandler handler) throws IOException {
        HttpServer s = new HttpServer(config, handler);
        s.start();
        return new TestServer(s);
    }

    public int port() {
        return server.port();
    }

    public RawClient connect() throws IOException {
        RawClient c = new RawClient(port());
        clients.add(c);
        return c;
    }

    /** Execution modes to run socket tests in: VIRTUAL only where the runtime has virtual threads. */
    public static Stream<ExecutionMode> modes() {
        return Runtime.version().feature() >= 21
                ? Stream.of(ExecutionMode.POOL, ExecutionMode.INLINE, ExecutionMode.VIRTUAL)
                : Stream.of(ExecutionMode.POOL, ExecutionMode.INLINE);
    }

    @Override
    public void close() {
        for (RawClient c : clients) {
            c.close();
        }
        server.stop();
    }
}
