package io.subito.servlet;

import io.subito.container.ServerConfig;
import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.security.Realm;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Embedded use in a few lines:
 * <pre>{@code
 * Subito s = Subito.builder().port(0)
 *     .requestLimits(RequestLimits.DEFAULTS.withMaxFormBytes(65536))   // optional
 *     .context("/app", ctx -> ctx.addServlet("hello", new Hello()).addMapping("/hello"))
 *     .start();
 * ... s.port() ... s.stop();
 * }</pre>
 */
public final class Subito implements AutoCloseable {
    private final ServletHost host;

    private Subito(ServletHost host) {
        this.host = host;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return host.port();
    }

    public ServletHost host() {
        return host;
    }

    /** The deployed context with that path, or null. */
    public WebAppContext context(String path) {
        String cp = path.equals("/") ? "" : path;
        for (WebAppContext c : host.contexts()) {
            if (c.getContextPath().equals(cp)) {
                return c;
            }
        }
        return null;
    }

    public void stop() {
        host.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public static final class Builder {
        private final ServerConfig config = new ServerConfig();
        private final List<WebAppContext> contexts = new ArrayList<>();
        private Realm realm;
        private RequestLimits requestLimits;

        private Builder() {
        }

        public Builder port(int port) {
            config.port(port);
            return this;
        }

        public Builder host(String bind) {
            config.host(bind);
            return this;
        }

        /** Further engine settings. */
        public Builder config(Consumer<ServerConfig> c) {
            c.accept(config);
            return this;
        }

        public Builder realm(Realm r) {
            realm = r;
            return this;
        }

        /**
         * Form, parameter and multipart limits for every context that sets none of its own
         * ({@link WebAppContext#setRequestLimits}), as {@code conf/server.properties} does for
         * the server; e.g. {@code RequestLimits.DEFAULTS.withMaxFormBytes(65536)}.
         */
        public Builder requestLimits(RequestLimits limits) {
            requestLimits = java.util.Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder context(String path, Consumer<WebAppContext> setup) {
            return context(path, null, setup);
        }

        public Builder context(String path, Path baseDir, Consumer<WebAppContext> setup) {
            WebAppContext ctx = new WebAppContext(path, baseDir, Thread.currentThread().getContextClassLoader());
            setup.accept(ctx);
            contexts.add(ctx);
            return this;
        }

        /** Adds an already configured context, then starts (a shortcut for single-context tests and apps). */
        public Subito build(WebAppContext ctx) throws ServletException {
            contexts.add(ctx);
            return start();
        }

        /** Adds an already configured context. */
        public Builder context(WebAppContext ctx) {
            contexts.add(ctx);
            return this;
        }

        /** Starts every context, then the server; a failing context stops everything and throws. */
        public Subito start() throws ServletException {
            ServletHost host = new ServletHost(config);
            try {
                for (WebAppContext c : contexts) {
                    if (realm != null && c.security().realm() == null) {
                        c.setRealm(realm);
                    }
                    if (requestLimits != null && c.requestLimits() == RequestLimits.DEFAULTS && !c.isStarted()) {
                        c.setRequestLimits(requestLimits);
                    }
                    host.deploy(c);
                }
                host.start();
            } catch (IOException e) {
                host.stop();
                throw new UncheckedIOException("cannot start the server", e);
            } catch (ServletException | RuntimeException e) {
                host.stop();
                throw e;
            }
            return new Subito(host);
        }
    }
}
