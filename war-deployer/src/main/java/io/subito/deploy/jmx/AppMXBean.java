package io.subito.deploy.jmx;

/** {@code io.subito:type=App,port=PORT,context=/PATH}: one deployed application ({@code /} for ROOT). */
public interface AppMXBean {
    String getContextPath();

    /** The WAR file or directory it was deployed from. */
    String getSource();

    /** NEW, STARTING, STARTED or STOPPED. */
    String getState();

    /** When it was deployed (ISO-8601, UTC). */
    String getDeployedAt();

    /** How long deploying it took (unpack, descriptors and scan, start). */
    long getDeployMillis();

    long getRequests();

    /** Requests that ended with 4xx or 5xx. */
    long getErrors();

    /** Live sessions in this JVM; -1 with a shared store (jdbc, redis). */
    int getSessionsActive();

    long getSessionsCreated();

    /** Sessions ended by their timeout. */
    long getSessionsExpired();
}
