package io.subito.servlet;

import io.subito.container.HttpExchange;
import io.subito.container.HttpHandler;
import io.subito.container.HttpServer;
import io.subito.container.ServerConfig;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.response.ResponseState;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Several web applications on one engine, routed by longest context path. Contexts can be
 * deployed and undeployed while running; a request is routed once, when it starts, so a
 * request in flight on a context being replaced finishes on the old one.
 */
public final class ServletHost implements HttpHandler, AutoCloseable {
    private static final String METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";
    private static final String METHODS_AND_TRACE = METHODS + ", TRACE";
    private final ServerConfig config;
    private volatile WebAppContext[] contexts = new WebAppContext[0];
    private HttpServer server;

    public ServletHost(ServerConfig config) {
        this.config = config;
    }

    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = new HttpServer(config, this);
        server.start();
    }

    /** The HTTPS listener's port; -1 without one. */
    public int httpsPort() {
        return server == null ? -1 : server.httpsPort();
    }

    /** The bound port (useful with port 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** Client connections the engine holds now (idle keep-alive ones included). */
    public int openConnections() {
        HttpServer s = server;
        return s == null ? 0 : s.openConnections();
    }

    /** Stops the engine (gracefully), then every context. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        for (WebAppContext c : contexts) {
            c.stop();
        }
        contexts = new WebAppContext[0];
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Starts the context (unless already started) and routes its path to it, replacing any
     * context with the same path (which is then stopped). A failing start leaves routing as it was.
     */
    public void deploy(WebAppContext ctx) throws ServletException {
        ctx.host(this);
        if (!ctx.isStarted()) {
            ctx.start();
        }
        WebAppContext replaced;
        synchronized (this) {
            replaced = find(ctx.getContextPath());
            List<WebAppContext> list = new ArrayList<>(Arrays.asList(contexts));
            list.remove(replaced);
            list.add(ctx);
            list.sort(Comparator.comparingInt((WebAppContext c) -> c.getContextPath().length()).reversed());
            contexts = list.toArray(new WebAppContext[0]);
        }
        if (replaced != null && replaced != ctx) {
            replaced.stop();
        }
    }

    /** Stops routing to the context and stops it; returns it, or null if none had that path. */
    public WebAppContext undeploy(String contextPath) {
        String cp = contextPath == null || contextPath.equals("/") ? "" : contextPath;
        WebAppContext removed;
        synchronized (this) {
            removed = find(cp);
            if (removed == null) {
                return null;
            }
            List<WebAppContext> list = new ArrayList<>(Arrays.asList(contexts));
            list.remove(removed);
            contexts = list.toArray(new WebAppContext[0]);
        }
        removed.stop();
        return removed;
    }

    public Collection<WebAppContext> contexts() {
        return List.of(contexts);
    }

    private WebAppContext find(String cp) {
        for (WebAppContext c : contexts) {
            if (c.getContextPath().equals(cp)) {
                return c;
            }
        }
        return null;
    }

    /** The context serving a canonical path: the longest context path that is a segment prefix. */
    public WebAppContext contextFor(String path) {
        for (WebAppContext c : contexts) {
            String cp = c.getContextPath();
            if (cp.isEmpty() || path.startsWith(cp) && (path.length() == cp.length() || path.charAt(cp.length()) == '/')) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void handle(HttpExchange ex) {
        Slot slot = (Slot) ex.attachment();
        if (slot == null) {
            slot = new Slot();
            ex.attach(slot);
        }
        RequestState s = slot.request;
        ResponseState rs = slot.response;
        s.begin(ex);
        rs.begin(ex.response());
        String path = ex.request().path();
        if ("*".equals(path) && ex.request().isMethod("OPTIONS")) {
            // OPTIONS * asks about the server, not a resource (RFC 9110 section 9.3.7)
            rs.raw.setHeader("Allow", config.allowTrace() ? METHODS_AND_TRACE : METHODS);
            rs.raw.contentLength(0);
            recycle(slot);
            return;
        }
        if (!config.allowTrace() && ex.request().isMethod("TRACE")) {
            // TRACE echoes the request back, cookies and credentials included (cross-site tracing);
            // refused before any application sees it, as Tomcat does unless allowTrace is set
            rs.raw.setHeader("Allow", METHODS);
            plain(rs, 405);
            recycle(slot);
            return;
        }
        WebAppContext ctx = path == null || !path.startsWith("/") ? null : contextFor(path);
        if (ctx == null || !ctx.isStarted()) {
            plain(rs, path != null && path.startsWith("/") ? (ctx == null ? 404 : 503) : 400);
            recycle(slot);
            return;
        }
        slot.context = ctx;
        s.counts = slot.counts(ctx);
        s.asyncCompletion = slot.asyncCompletion;
        boolean done;
        try {
            done = ctx.handler().handle(s, rs, path);
        } catch (RuntimeException | Error e) {
            // a bug below us: never let the pooled state carry this request into the next
            recycle(slot);
            throw e;
        }
        if (done) {
            recycle(slot);
        }
        // otherwise the exchange went async in startAsync: the slot's asyncCompletion ends it
    }

    static void recycle(Slot slot) {
        slot.context = null;
        slot.response.recycle();
        slot.request.recycle();
    }

    private static void plain(ResponseState rs, int status) {
        byte[] body = ("HTTP Status " + status).getBytes(StandardCharsets.UTF_8);
        rs.raw.status(status);
        rs.raw.setHeader("Content-Type", "text/plain;charset=utf-8");
        rs.raw.contentLength(body.length);
        try {
            rs.raw.output().write(body);
        } catch (IOException e) {
            rs.raw.closeConnection();
        }
    }
}
