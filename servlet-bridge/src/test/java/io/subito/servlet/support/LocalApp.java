package io.subito.servlet.support;

import io.subito.container.LocalConnector;
import io.subito.container.RawClient;
import io.subito.container.ServerConfig;
import io.subito.servlet.ServletHost;
import io.subito.servlet.WebAppContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Web applications served in memory: the real servlet bridge ({@link ServletHost}, the contexts,
 * their filters, sessions and security) behind the engine's {@link LocalConnector}, with no socket
 * and nothing listening. Requests run on the calling thread; a test gets its answer as soon as
 * the servlet has run. The socket tests cover the same ground over the network.
 */
public final class LocalApp implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ServletHost host;
    private final LocalConnector local;

    private LocalApp(List<WebAppContext> contexts) throws ServletException {
        ServerConfig config = new ServerConfig();
        host = new ServletHost(config);
        try {
            for (WebAppContext c : contexts) {
                host.deploy(c); // starts it: initializers, listeners, filters, load-on-startup
            }
        } catch (ServletException | RuntimeException e) {
            host.stop();
            throw e;
        }
        local = new LocalConnector(config, host);
    }

    /** One application at {@code contextPath} ("" or "/" for the root), configured by {@code setup}, started. */
    public static LocalApp of(String contextPath, Consumer<WebAppContext> setup) throws ServletException {
        WebAppContext ctx = new WebAppContext(contextPath, null, Thread.currentThread().getContextClassLoader());
        setup.accept(ctx);
        return new LocalApp(List.of(ctx));
    }

    /** Several applications, configured and not yet started, on one host. */
    public static LocalApp of(WebAppContext... contexts) throws ServletException {
        return new LocalApp(List.of(contexts));
    }

    public Http.Reply get(String target, String... headers) {
        return send("GET", target, null, headers);
    }

    public Http.Reply post(String target, String body, String... headers) {
        return send("POST", target, body, headers);
    }

    /** One request on a new connection; its response. Headers are "Name: value". */
    public Http.Reply send(String method, String target, String body, String... headers) {
        byte[] request = Http.requestText(method, target, body, "localhost", headers);
        return replies(request, method.equals("HEAD"), 1).get(0);
    }

    /** {@code count} requests sent at once on one connection (pipelined); their responses in order. */
    public List<Http.Reply> pipelined(int count, String requests) {
        return replies(requests.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), false, count);
    }

    private List<Http.Reply> replies(byte[] requests, boolean head, int count) {
        try (LocalConnector.Endpoint c = local.connect()) {
            c.send(requests).awaitIdle(WAIT);
            RawClient parser = RawClient.parsing(c.takeOutput());
            List<Http.Reply> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                replies.add(Http.Reply.of(parser.read(head)));
            }
            return replies;
        } catch (IOException e) {
            throw new UncheckedIOException("the server's bytes are no HTTP/1.1 response", e);
        }
    }

    /** The host, for what a test checks beside the responses (contexts, their sessions). */
    public ServletHost host() {
        return host;
    }

    /** Stops every application. */
    @Override
    public void close() {
        host.stop();
    }
}
