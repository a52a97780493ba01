package io.subito.deploy.jmx;

import io.subito.container.HttpServer;
import io.subito.container.ServerStats;

final class ServerBean implements ServerMXBean {
    private final HttpServer engine;
    private final ServerStats stats;

    ServerBean(HttpServer engine) {
        this.engine = engine;
        this.stats = engine.stats();
    }

    @Override public int getPort() { return engine.port(); }
    @Override public String getExecutionMode() { return engine.mode().name().toLowerCase(java.util.Locale.ROOT); }
    @Override public int getOpenConnections() { return stats.openConnections(); }
    @Override public long getAcceptedConnections() { return stats.acceptedConnections(); }
    @Override public long getRefusedConnections() { return stats.refusedConnections(); }
    @Override public long getRequests() { return stats.requests(); }
    @Override public long getRefusedRequests() { return stats.refusedRequests(); }
    @Override public long getBytesReceived() { return stats.bytesIn(); }
    @Override public long getBytesSent() { return stats.bytesOut(); }
    @Override public long getResponses1xx() { return stats.responses(1); }
    @Override public long getResponses2xx() { return stats.responses(2); }
    @Override public long getResponses3xx() { return stats.responses(3); }
    @Override public long getResponses4xx() { return stats.responses(4); }
    @Override public long getResponses5xx() { return stats.responses(5); }
    @Override public long getBatches() { return stats.batches(); }
    @Override public double getMeanBatchSize() { return mean(stats.requests() - stats.refusedRequests(), stats.batches()); }
    @Override public int getWorkersActive() { return stats.workersActive(); }
    @Override public long getWorkersQueued() { return stats.workersQueued(); }

    static double mean(long requests, long batches) {
        return batches == 0 ? 0 : Math.round(requests * 100.0 / batches) / 100.0;
    }
}
