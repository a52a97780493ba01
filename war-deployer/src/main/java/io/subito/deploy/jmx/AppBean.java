package io.subito.deploy.jmx;

import io.subito.servlet.WebAppContext;
import java.time.Instant;

final class AppBean implements AppMXBean {
    private final String contextPath;
    private final String source;
    private final WebAppContext ctx;
    private final long deployMillis;

    AppBean(String contextPath, String source, WebAppContext ctx, long deployMillis) {
        this.contextPath = contextPath;
        this.source = source;
        this.ctx = ctx;
        this.deployMillis = deployMillis;
    }

    @Override public String getContextPath() { return contextPath.isEmpty() ? "/" : contextPath; }
    @Override public String getSource() { return source; }
    @Override public String getState() { return ctx.stateName(); }
    @Override public String getDeployedAt() { return ctx.startedAt() == 0 ? "" : Instant.ofEpochMilli(ctx.startedAt()).toString(); }
    @Override public long getDeployMillis() { return deployMillis; }
    @Override public long getRequests() { return ctx.stats().requests(); }
    @Override public long getErrors() { return ctx.stats().errors(); }
    @Override public int getSessionsActive() { return ctx.sessions().activeSessions(); }
    @Override public long getSessionsCreated() { return ctx.stats().sessionsCreated(); }
    @Override public long getSessionsExpired() { return ctx.stats().sessionsExpired(); }
}
