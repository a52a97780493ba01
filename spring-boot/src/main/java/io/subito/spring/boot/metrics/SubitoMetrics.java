package io.subito.spring.boot.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.subito.container.ServerStats;
import io.subito.servlet.lifecycle.AppStats;
import io.subito.servlet.WebAppContext;
import io.subito.spring.boot.SubitoWebServer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * Subito's figures as Micrometer meters: the numbers of the server's JMX MBeans
 * ({@code io.subito:type=Server} and {@code type=App}), read when the registry asks, so that
 * serving a request costs nothing more. Registered when the registry is made, before the server
 * starts: until it runs (and after it stops) the meters read NaN.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>what</th></tr>
 * <tr><td>{@code subito.connections.open}</td><td>gauge</td><td>connections open now</td></tr>
 * <tr><td>{@code subito.connections.accepted}</td><td>counter</td><td>connections accepted</td></tr>
 * <tr><td>{@code subito.connections.refused}</td><td>counter</td><td>connections closed at once, over {@code maxConnections}</td></tr>
 * <tr><td>{@code subito.requests}</td><td>counter</td><td>requests served, those the engine refused included</td></tr>
 * <tr><td>{@code subito.requests.refused}</td><td>counter</td><td>requests the engine answered itself (400, 413, 414, 431, 501, 505)</td></tr>
 * <tr><td>{@code subito.responses} (tag {@code status}: 1xx ... 5xx)</td><td>counter</td><td>responses by status class</td></tr>
 * <tr><td>{@code subito.bytes.received}, {@code subito.bytes.sent}</td><td>counter</td><td>request and response body bytes</td></tr>
 * <tr><td>{@code subito.workers.active}, {@code subito.workers.queued}</td><td>gauge</td><td>workers running a batch, batches waiting (NaN unless {@code execution=pool})</td></tr>
 * <tr><td>{@code subito.app.requests}, {@code subito.app.errors}</td><td>counter</td><td>the application's requests, and those ending 4xx or 5xx</td></tr>
 * <tr><td>{@code subito.sessions.active}</td><td>gauge</td><td>sessions held now</td></tr>
 * <tr><td>{@code subito.sessions.created}, {@code subito.sessions.expired}</td><td>counter</td><td>sessions made, and ended by their timeout</td></tr>
 * </table>
 */
public class SubitoMetrics implements MeterBinder {
    private final ApplicationContext context;
    private final Iterable<Tag> tags;

    /** @param context the application context whose web server is measured (its child contexts' servers are not) */
    public SubitoMetrics(ApplicationContext context) {
        this(context, Tags.empty());
    }

    public SubitoMetrics(ApplicationContext context, Iterable<Tag> tags) {
        this.context = context;
        this.tags = tags;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "subito.connections.open", "connections open now", BaseUnits.CONNECTIONS, ServerStats::openConnections);
        counter(registry, "subito.connections.accepted", "connections accepted", BaseUnits.CONNECTIONS, ServerStats::acceptedConnections);
        counter(registry, "subito.connections.refused", "connections closed at once because maxConnections were open",
                BaseUnits.CONNECTIONS, ServerStats::refusedConnections);
        counter(registry, "subito.requests", "requests served, those refused by the engine included", "requests",
                ServerStats::requests);
        counter(registry, "subito.requests.refused", "requests the engine refused itself (malformed, too large)",
                "requests", ServerStats::refusedRequests);
        for (int c = 1; c <= 5; c++) {
            int statusClass = c;
            FunctionCounter.builder("subito.responses", this, m -> m.server(s -> s.responses(statusClass)))
                    .description("responses by status class").baseUnit("responses").tags(tags).tag("status", c + "xx")
                    .register(registry);
        }
        counter(registry, "subito.bytes.received", "request body bytes received", BaseUnits.BYTES, ServerStats::bytesIn);
        counter(registry, "subito.bytes.sent", "response body bytes sent", BaseUnits.BYTES, ServerStats::bytesOut);
        gauge(registry, "subito.workers.active", "workers running a batch (execution=pool)", BaseUnits.THREADS,
                s -> s.workersActive() < 0 ? Double.NaN : s.workersActive());
        gauge(registry, "subito.workers.queued", "batches waiting for a worker (execution=pool)", BaseUnits.TASKS,
                s -> s.workersQueued() < 0 ? Double.NaN : s.workersQueued());
        appCounter(registry, "subito.app.requests", "the application's requests", "requests", AppStats::requests);
        appCounter(registry, "subito.app.errors", "the application's requests that ended with 4xx or 5xx", "requests",
                AppStats::errors);
        Gauge.builder("subito.sessions.active", this, m -> m.app(c -> c.sessions().activeSessions()))
                .description("sessions held now").baseUnit(BaseUnits.SESSIONS).tags(tags).register(registry);
        appCounter(registry, "subito.sessions.created", "sessions made", BaseUnits.SESSIONS, AppStats::sessionsCreated);
        appCounter(registry, "subito.sessions.expired", "sessions ended by their timeout", BaseUnits.SESSIONS,
                AppStats::sessionsExpired);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit, ToDoubleFunction<ServerStats> f) {
        Gauge.builder(name, this, m -> m.server(f)).description(description).baseUnit(unit).tags(tags).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, String unit, ToLongFunction<ServerStats> f) {
        FunctionCounter.builder(name, this, m -> m.server(f::applyAsLong)).description(description).baseUnit(unit).tags(tags)
                .register(registry);
    }

    private void appCounter(MeterRegistry registry, String name, String description, String unit, ToLongFunction<AppStats> f) {
        FunctionCounter.builder(name, this, m -> m.app(c -> f.applyAsLong(c.stats()))).description(description).baseUnit(unit)
                .tags(tags).register(registry);
    }

    /** A figure of the running server; NaN while there is none. */
    private double server(ToDoubleFunction<ServerStats> f) {
        SubitoWebServer server = webServer();
        ServerStats stats = server == null ? null : server.getServerStats();
        return stats == null ? Double.NaN : f.applyAsDouble(stats);
    }

    /** A figure of the application's context; NaN while there is none. */
    private double app(ToDoubleFunction<WebAppContext> f) {
        SubitoWebServer server = webServer();
        if (server != null) {
            for (WebAppContext c : server.getServletHost().contexts()) {
                return f.applyAsDouble(c);
            }
        }
        return Double.NaN;
    }

    private SubitoWebServer webServer() {
        if (context instanceof WebServerApplicationContext w) {
            WebServer server = w.getWebServer();
            return server instanceof SubitoWebServer s ? s : null;
        }
        return null;
    }
}
