package io.subito.deploy.accesslog;

import java.net.InetSocketAddress;

/**
 * What an access-log line can show of one request: a served exchange ({@link ExchangeEntry}) or
 * a request the engine refused before any application saw it ({@link RefusalEntry}). Unknown
 * values are null (or -1 for numbers) and are logged as "-".
 */
public interface LogEntry {
    /** The connection's peer (the proxy itself when there is one). */
    InetSocketAddress remote();

    /**
     * The client's IP address as text, null if unknown: behind a trusted proxy the client it
     * forwarded ({@code trustedProxies}), else the peer's.
     */
    default String clientAddress() {
        InetSocketAddress a = remote();
        return a == null || a.getAddress() == null ? null : a.getAddress().getHostAddress();
    }

    /** The client's port, as {@link #clientAddress()} decides it; -1 if unknown. */
    default int clientPort() {
        InetSocketAddress a = remote();
        return a == null ? -1 : a.getPort();
    }

    InetSocketAddress local();

    String method();

    /** The request-target as sent (path and query). */
    String target();

    /** The path as sent, without the query. */
    String path();

    String query();

    String protocol();

    /** The first line of the request, as sent. */
    String requestLine();

    int status();

    /** Response body bytes; -1 when not known (an async request still running). */
    long bodyBytes();

    String requestHeader(String name);

    String responseHeader(String name);

    /** From the head's arrival to the response (as far as the handler is concerned). */
    long elapsedNanos();

    /** When the request started, in epoch milliseconds. */
    long startMillis();
}
