package io.subito.container;

import io.subito.container.proxy.ProxyHeader;
import io.subito.container.proxy.ProxyProtocolDecoder;
import io.subito.container.proxy.ProxyProtocolException;
import io.subito.container.proxy.TrustedProxies;
import java.io.IOException;
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

    ProxyHeaderStep(Connection connection) {
        this.connection = connection;
        this.input = connection.input;
        this.transport = connection.transport;
        this.server = connection.server;
    }

    /**
     * Cuts the header from the front of the input. False while more bytes are needed, or when
     * the connection was closed: a peer outside a non-empty trustedProxies, or bytes that are
     * not a valid header. Once true, the step is done and the bytes after the header (if any)
     * are the first request's.
     */
    boolean take() {
        ProxyHeader h;
        try {
            h = decode(connection, input.buffer(), input.limit(), input.buffer().length);
        } catch (IOException e) {
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

    /**
     * The header at {@code b[0..to)} of {@code c}'s input (for TLS, the bytes before the
     * ClientHello), or null while more are needed.
     *
     * @param max the most header bytes accepted
     * @throws IOException when the peer may not send one or the bytes are no valid header (logged, at most a line a minute)
     */
    static ProxyHeader decode(Connection c, byte[] b, int to, int max) throws IOException {
        InetSocketAddress peer = c.transport.remoteAddress();
        TrustedProxies trusted = c.config.trustedProxies();
        try {
            if (!trusted.isEmpty() && (peer == null || !trusted.contains(peer.getAddress()))) {
                throw new ProxyProtocolException("the peer is not in trustedProxies");
            }
            return ProxyProtocolDecoder.decode(b, 0, to, max);
        } catch (ProxyProtocolException e) {
            String why = "closed a connection from " + peer + ": " + e.getMessage();
            c.server.proxyProtocolLog().warn(why);
            throw new IOException(why);
        }
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
