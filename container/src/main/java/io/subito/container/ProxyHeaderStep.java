package io.subito.container;

import io.subito.container.proxy.ProxyHeader;
import io.subito.container.proxy.ProxyProtocolDecoder;
import io.subito.container.proxy.ProxyProtocolException;
import io.subito.container.proxy.TrustedProxies;
import java.net.InetSocketAddress;

/**
 * With proxyProtocol: the PROXY protocol header (v1 or v2, decoded by the pure
 * {@link ProxyProtocolDecoder}) that must open the connection, read before the first request.
 * Its source and destination become the {@link Transport}'s addresses, and its TLS flag the
 * connection's. Only a connection of a server with proxyProtocol on has one, until its header is
 * read; the header's time counts from the accept, within headTimeoutMillis.
 */
final class ProxyHeaderStep {
    private final Connection connection;
    private final InputWindow input;
    private final Transport transport;
    private final HttpServer server;
    private final TrustedProxies trusted;

    ProxyHeaderStep(Connection connection) {
        this.connection = connection;
        this.input = connection.input;
        this.transport = connection.transport;
        this.server = connection.server;
        this.trusted = connection.config.trustedProxies();
    }

    /**
     * Cuts the header from the front of the input. False while more bytes are needed, or when
     * the connection was closed: a peer outside a non-empty trustedProxies, or bytes that are
     * not a valid header. Once true, the step is done and the bytes after the header (if any)
     * are the first request's.
     */
    boolean take() {
        ProxyHeader h;
        InetSocketAddress peer = transport.remoteAddress();
        try {
            if (!trusted.isEmpty() && (peer == null || !trusted.contains(peer.getAddress()))) {
                throw new ProxyProtocolException("the peer is not in trustedProxies");
            }
            h = ProxyProtocolDecoder.decode(input.buffer(), 0, input.limit(), input.buffer().length);
        } catch (ProxyProtocolException e) {
            server.proxyProtocolLog().warn("closed a connection from " + peer + ": " + e.getMessage());
            connection.close();
            return false;
        }
        if (h == null) {
            return false;
        }
        input.dropFront(h.length());
        transport.useProxyHeader(h);
        return true;
    }

    /** Reaper: closes the connection when its header did not arrive within headTimeoutMillis of the accept. */
    void reap(long now, long acceptedAt, long headTimeoutMillis) {
        if (now - acceptedAt > headTimeoutMillis) {
            server.proxyProtocolLog().warn("closed a connection from " + transport.remoteAddress()
                    + ": no PROXY protocol header within headTimeoutMillis (" + headTimeoutMillis + " ms)");
            connection.close();
        }
    }
}
