package io.subito.deploy.jmx;

/** {@code io.subito:type=Server,port=PORT}: the engine as a whole. Counters count since the start. */
public interface ServerMXBean {
    int getPort();

    /** inline, pool or virtual (what runs, after a fallback). */
    String getExecutionMode();

    int getOpenConnections();

    long getAcceptedConnections();

    /** Closed at once: maxConnections were open, or the server was stopping. */
    long getRefusedConnections();

    /** Every response, those of refused requests included. */
    long getRequests();

    /** Requests the engine refused itself (400, 413, 414, 431, 501, 505) before any application. */
    long getRefusedRequests();

    /** Request body bytes the applications read. */
    long getBytesReceived();

    /** Response body bytes (heads not included). */
    long getBytesSent();

    long getResponses1xx();

    long getResponses2xx();

    long getResponses3xx();

    long getResponses4xx();

    long getResponses5xx();

    /** Batches started by the loops: the requests that one read brought in. */
    long getBatches();

    /** Requests / batches: how many pipelined requests a batch held on average. */
    double getMeanBatchSize();

    /** Workers running a batch now; -1 unless execution=pool. */
    int getWorkersActive();

    /** Batches waiting for a worker; -1 unless execution=pool. */
    long getWorkersQueued();
}
