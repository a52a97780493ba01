package io.subito.servlet;

import io.subito.container.ServerConfig;
import io.subito.container.compress.CompressionSettings;
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
 *     .compression(CompressionSettings.DEFAULTS.withEnabled(true))     // optional: gzip
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

    /** The HTTPS listener's port; -1 without one. */
    public int httpsPort() {
        return host.httpsPort();
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
        private CompressionSettings compression;

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

        /**
         * An HTTPS listener on {@code port} (0: any free one) with {@code tls}'s certificate, beside the
         * plain one ({@code port(-1)}: HTTPS only). {@code tls} carries the {@code tls.*} keys of
         * {@code conf/server.properties}: {@code TlsSettings.pem(cert, key).clientAuth(..).truststore(..)
         * .handshakeTimeoutMillis(..).hsts(..).sniStrict(..)}, or {@code TlsSettings.fromProperties}.
         */
        public Builder https(int port, io.subito.container.tls.TlsSettings tls) {
            config.httpsPort(port).tls(tls);
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

        /**
         * Response compression for every context that sets none of its own
         * ({@link WebAppContext#setCompression}), as {@code conf/server.properties} does for the
         * server; e.g. {@code CompressionSettings.DEFAULTS.withEnabled(true)}.
         */
        public Builder compression(CompressionSettings settings) {
            compression = java.util.Objects.requireNonNull(settings, "settings");
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
                    if (compression != null && c.compression() == CompressionSettings.DEFAULTS && !c.isStarted()) {
                        c.setCompression(compression);
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
