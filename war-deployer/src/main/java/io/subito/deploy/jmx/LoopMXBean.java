package io.subito.deploy.jmx;

/** {@code io.subito:type=Loop,port=PORT,index=N}: one selector loop and the connections it owns. */
public interface LoopMXBean {
    int getIndex();

    long getOpenConnections();

    long getAcceptedConnections();

    long getClosedConnections();

    long getBatches();

    long getRequests();

    /** Requests whose handler ran on this loop's own thread (execution=inline). */
    long getRequestsOnLoop();

    double getMeanBatchSize();

    long getBytesReceived();

    long getBytesSent();

    long getResponses4xx();

    long getResponses5xx();
}
