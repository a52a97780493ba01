package io.subito.spring.boot;

import io.subito.container.HttpServer;
import io.subito.container.ServerConfig;
import io.subito.container.ServerStats;
import io.subito.servlet.ServletHost;
import io.subito.servlet.WebAppContext;
import java.io.IOException;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.web.server.GracefulShutdownCallback;
import org.springframework.boot.web.server.GracefulShutdownResult;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;

/**
 * Subito as Spring Boot's {@link WebServer}. The application's context is already started
 * (by {@link SubitoServletWebServerFactory}); {@link #start()} binds the port and serves,
 * {@link #stop()} stops the engine, {@link #destroy()} then stops the context.
 *
 * <p>Graceful shutdown is the engine's: the listener closes, idle keep-alive connections are
 * closed, and requests in flight finish (their connections then close) within the grace
 * period, after which whatever is left is closed.
 */
public class SubitoWebServer implements WebServer {
    private static final Log LOG = LogFactory.getLog(SubitoWebServer.class);

    private final Object monitor = new Object();
    private final ServletHost host;
    private final ServerConfig config;
    private final boolean autoStart;
    private final Duration gracePeriod;
    private final AutoCloseable resources;
    private HttpServer server;

    /**
     * @param host        the host with the application's context deployed
     * @param config      the engine configuration; the port is bound by {@link #start()}
     * @param autoStart   false for a negative {@code server.port}: the context runs, nothing listens
     * @param gracePeriod the graceful shutdown's limit, or null for immediate shutdown
     */
    public SubitoWebServer(ServletHost host, ServerConfig config, boolean autoStart, Duration gracePeriod) {
        this(host, config, autoStart, gracePeriod, null);
    }

    /** @param resources closed by {@link #destroy()} after the server and the context (the SSL bundle's files); may be null */
    public SubitoWebServer(ServletHost host, ServerConfig config, boolean autoStart, Duration gracePeriod,
            AutoCloseable resources) {
        this.host = host;
        this.config = config;
        this.autoStart = autoStart;
        this.gracePeriod = gracePeriod;
        this.resources = resources;
    }

    @Override
    public void start() throws WebServerException {
        synchronized (monitor) {
            if (server != null || !autoStart) {
                return;
            }
            HttpServer s = new HttpServer(config, host);
            try {
                s.start();
            } catch (IOException e) {
                s.stop();
                PortInUseException.throwIfPortBindingException(e, this::configuredPort);
                throw new WebServerException("Unable to start the embedded Subito server on " + config.host() + ":"
                        + configuredPort(), e);
            }
            server = s;
            LOG.info("Subito started on port " + getPort() + (config.port() < 0 ? " (https)" : " (http)")
                    + " with context path '" + contextPath() + "'");
        }
    }

    @Override
    public void stop() throws WebServerException {
        HttpServer s;
        synchronized (monitor) {
            s = server;
            server = null;
        }
        if (s != null) {
            s.stop(); // waits for a graceful shutdown in progress (it is bounded by its grace period)
        }
    }

    @Override
    public void destroy() {
        stop();
        host.stop();
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                LOG.warn("Could not release the server's resources: " + e);
            }
        }
    }

    /** The port serving the application: the HTTPS listener's with SSL, else the plain one's. */
    @Override
    public int getPort() {
        HttpServer s = server;
        return s == null ? -1 : config.port() < 0 ? s.httpsPort() : s.port();
    }

    private int configuredPort() {
        return config.port() < 0 ? config.httpsPort() : config.port();
    }

    @Override
    public void shutDownGracefully(GracefulShutdownCallback callback) {
        HttpServer s = server;
        if (gracePeriod == null || s == null) {
            callback.shutdownComplete(GracefulShutdownResult.IMMEDIATE);
            return;
        }
        LOG.info("Commencing graceful shutdown. Waiting for active requests to complete");
        config.shutdownGraceMillis(gracePeriod.toMillis());
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            s.stop();
            // the engine's stop returns before its grace period only once every connection has
            // finished its requests; past it, what was still running was cut off (its thread interrupted)
            boolean drained = System.nanoTime() - start < gracePeriod.toNanos() && activeRequests() == 0;
            GracefulShutdownResult result = drained ? GracefulShutdownResult.IDLE : GracefulShutdownResult.REQUESTS_ACTIVE;
            LOG.info(result == GracefulShutdownResult.IDLE ? "Graceful shutdown complete"
                    : "Graceful shutdown ended with one or more requests still active after " + gracePeriod);
            callback.shutdownComplete(result);
        }, "subito-shutdown");
        t.setDaemon(true);
        t.start();
    }

    /** The engine's counters while it serves; null before {@link #start()} and after {@link #stop()}. */
    public ServerStats getServerStats() {
        HttpServer s = server;
        return s == null ? null : s.stats();
    }

    /** The host serving the application (its context: {@code getServletHost().contexts()}). */
    public ServletHost getServletHost() {
        return host;
    }

    private long activeRequests() {
        long n = 0;
        for (WebAppContext c : host.contexts()) {
            n += c.activeRequests();
        }
        return n;
    }

    private String contextPath() {
        for (WebAppContext c : host.contexts()) {
            return c.getContextPath();
        }
        return "";
    }
}
