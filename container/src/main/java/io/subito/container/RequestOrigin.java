package io.subito.container;

import io.subito.container.proxy.Forwarding;
import io.subito.container.proxy.ForwardingResolver;
import io.subito.container.proxy.MalformedForwardingException;
import java.net.InetSocketAddress;

/**
 * Where a request came from, as the application and the access log should see it: the
 * connection's peer, or — when that peer is one of {@code trustedProxies} — the client its
 * forwarding headers name, with the scheme, host and port the client used. Pooled with the
 * exchange. Nothing is decoded until someone asks, and with no trusted proxies configured a
 * question costs one check before the connection's own answer; the headers of a trusted peer's
 * request are decoded once, on the first question.
 *
 * <p>Forwarding headers from a trusted peer that do not parse are ignored for the whole request
 * (it keeps the peer's values) and a rate-limited warning names the flaw; they never fail the
 * request.
 */
public final class RequestOrigin {
    private final HttpExchange exchange;
    private final ServerConfig config;
    private boolean resolved;
    /** The trusted headers' answer, or null when there is none (untrusted peer, no headers, malformed). */
    private Forwarding forwarding;
    private String clientText;

    RequestOrigin(HttpExchange exchange, ServerConfig config) {
        this.exchange = exchange;
        this.config = config;
    }

    /** A new request on the exchange: nothing decoded yet. */
    void recycle() {
        resolved = false;
    }

    /** The client's IP address as text. */
    public String remoteAddress() {
        if (config.trustedProxies().isEmpty() || resolve() == null || forwarding.client() == null) {
            return exchange.remoteAddressText();
        }
        if (clientText == null) {
            clientText = forwarding.client().addressText();
        }
        return clientText;
    }

    /** The client's port: the one its forwarding node gave, else the connection's. */
    public int remotePort() {
        if (!config.trustedProxies().isEmpty() && resolve() != null && forwarding.client() != null
                && forwarding.client().port() > 0) {
            return forwarding.client().port();
        }
        InetSocketAddress a = exchange.remoteAddress();
        return a == null ? -1 : a.getPort();
    }

    /** {@code http} or {@code https}: as forwarded, else https when the connection is TLS (the HTTPS listener) or a PROXY protocol header said the client used TLS. */
    public String scheme() {
        if (!config.trustedProxies().isEmpty() && resolve() != null && forwarding.scheme() != null) {
            return forwarding.scheme();
        }
        return exchange.isSecure() || exchange.proxiedTls() ? "https" : "http";
    }

    public boolean isSecure() {
        return scheme().equals("https");
    }

    /** The host the client asked a trusted proxy for (without port), or null: the request's own Host applies. */
    public String forwardedHost() {
        return config.trustedProxies().isEmpty() || resolve() == null ? null : forwarding.host();
    }

    /** The port the client connected to, as a trusted proxy forwarded it, or -1: the request's own Host applies. */
    public int forwardedPort() {
        return config.trustedProxies().isEmpty() || resolve() == null ? -1 : forwarding.port();
    }

    /** The port for a URL of {@code scheme} when none is written: 443 for https, 80 otherwise. */
    public static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    private Forwarding resolve() {
        if (resolved) {
            return forwarding;
        }
        resolved = true;
        forwarding = null;
        clientText = null;
        if (!exchange.peerTrusted()) {
            return null;
        }
        try {
            forwarding = ForwardingResolver.resolve(config.forwardedHeaders(), config.trustedProxies(), exchange.head::headers);
        } catch (MalformedForwardingException e) {
            InetSocketAddress peer = exchange.remoteAddress();
            exchange.server().forwardingLog().warn("ignored the forwarding headers from trusted proxy "
                    + (peer == null ? "?" : peer.getAddress().getHostAddress()) + ": " + e.getMessage());
        }
        return forwarding;
    }
}
