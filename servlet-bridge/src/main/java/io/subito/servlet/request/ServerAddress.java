package io.subito.servlet.request;

import io.subito.container.RequestOrigin;

/**
 * The host and port a client addressed ({@code getServerName}, {@code getServerPort}): what a
 * trusted proxy forwarded (X-Forwarded-Host/-Port, Forwarded host=), else the request's
 * {@code Host}. A host without a port means the scheme's default, 443 when a trusted proxy says
 * the client used https.
 */
final class ServerAddress {
    private ServerAddress() {
    }

    /** The host name without port, or null when the request names none (then the local name applies). */
    static String name(RequestState s) {
        String forwarded = s.exchange.origin().forwardedHost();
        if (forwarded != null) {
            return forwarded;
        }
        String host = s.head.header("Host");
        if (host == null || host.isEmpty()) {
            return null;
        }
        return host.substring(0, HostHeader.hostEnd(host));
    }

    /** The port, or -1 when the request names no host or a port that is not a number (then the local port applies). */
    static int port(RequestState s) {
        RequestOrigin origin = s.exchange.origin();
        int forwarded = origin.forwardedPort();
        if (forwarded > 0) {
            return forwarded;
        }
        if (origin.forwardedHost() != null) {
            return RequestOrigin.defaultPort(origin.scheme());
        }
        String host = s.head.header("Host");
        if (host == null || host.isEmpty()) {
            return -1;
        }
        int end = HostHeader.hostEnd(host);
        if (end < host.length() && host.charAt(end) == ':') {
            try {
                return Integer.parseInt(host.substring(end + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return RequestOrigin.defaultPort(origin.scheme());
    }

    /** getRequestURL: scheme, host, the port unless it is the scheme's default, and the request URI. */
    static StringBuffer url(jakarta.servlet.http.HttpServletRequest r) {
        StringBuffer sb = new StringBuffer(64);
        int port = r.getServerPort();
        String scheme = r.getScheme();
        sb.append(scheme).append("://").append(r.getServerName());
        if (port != RequestOrigin.defaultPort(scheme) && port > 0) {
            sb.append(':').append(port);
        }
        return sb.append(r.getRequestURI());
    }
}
