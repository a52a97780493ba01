package io.subito.deploy.jmx;

import io.subito.container.LoopStats;

final class LoopBean implements LoopMXBean {
    private final int index;
    private final LoopStats stats;

    LoopBean(int index, LoopStats stats) {
        this.index = index;
        this.stats = stats;
    }

    @Override public int getIndex() { return index; }
    @Override public long getOpenConnections() { return Math.max(0, stats.accepted() - stats.closedConnections()); }
    @Override public long getAcceptedConnections() { return stats.accepted(); }
    @Override public long getClosedConnections() { return stats.closedConnections(); }
    @Override public long getBatches() { return stats.batches(); }
    @Override public long getRequests() { return stats.requests(); }
    @Override public long getRequestsOnLoop() { return stats.requestsOnLoop(); }
    @Override public double getMeanBatchSize() { return ServerBean.mean(stats.requests(), stats.batches()); }
    @Override public long getBytesReceived() { return stats.bytesIn(); }
    @Override public long getBytesSent() { return stats.bytesOut(); }
    @Override public long getResponses4xx() { return stats.responses(4); }
    @Override public long getResponses5xx() { return stats.responses(5); }
}
