package io.subito.container.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Who the client is, by the forwarding headers of a request whose peer is a trusted proxy.
 * The client is the right-most untrusted hop, as Tomcat's RemoteIpValve finds it: the list is
 * walked from the right (the hop nearest to us) while its addresses are trusted proxies; the
 * first address that is not is the client. Everything left of it was written by the client or
 * by proxies nobody vouches for, and is never looked at, so a client that sends its own
 * X-Forwarded-For through a proxy that appends to it gets its real address.
 * <ul>
 * <li>{@code x-forwarded}: the client from X-Forwarded-For; X-Forwarded-Proto, -Host and -Port
 * from the entry at the client's index when the header lists one entry per hop, else from the
 * right-most entry (what the nearest proxy wrote, as a proxy that sets them writes one).</li>
 * <li>{@code forwarded}: the client from the {@code for} of the elements, walked the same way;
 * proto and host from the element that names the client (the proxy that met the client wrote
 * it). An element without {@code for}, or with {@code unknown} or an obfuscated node, ends the
 * walk: the request keeps the address of the hop that reported it.</li>
 * </ul>
 * Only what the walk reaches is checked; anything there that does not parse makes the whole
 * request's forwarding {@link MalformedForwardingException malformed}.
 */
public final class ForwardingResolver {
    private ForwardingResolver() {
    }

    /**
     * @param headers every value of a header, by name (case-insensitive), in the order received
     * @throws MalformedForwardingException naming the header and the flaw
     */
    public static Forwarding resolve(ForwardedHeaders family, TrustedProxies trusted,
            Function<String, List<String>> headers) throws MalformedForwardingException {
        return family == ForwardedHeaders.FORWARDED ? forwarded(trusted, headers.apply("Forwarded"))
                : xForwarded(trusted, headers);
    }

    private static Forwarding xForwarded(TrustedProxies trusted, Function<String, List<String>> headers)
            throws MalformedForwardingException {
        List<String> hops = entries(headers.apply("X-Forwarded-For"));
        Node client = null;
        Node reporter = null;
        int index = -1;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Node n = Node.parse(hops.get(i));
            if (n == null) {
                throw new MalformedForwardingException("X-Forwarded-For: '" + hops.get(i) + "' is not an IP address");
            }
            index = i;
            if (!n.hasAddress()) {
                client = reporter;
                break;
            }
            client = n;
            if (!trusted.contains(n.address())) {
                break;
            }
            reporter = n;
        }
        String proto = atHop(headers.apply("X-Forwarded-Proto"), hops.size(), index);
        String host = atHop(headers.apply("X-Forwarded-Host"), hops.size(), index);
        String port = atHop(headers.apply("X-Forwarded-Port"), hops.size(), index);
        HostPort hp = host == null ? null : hostPort("X-Forwarded-Host", host);
        int p = -1;
        if (port != null) {
            p = Node.port(port, 0, port.length());
            if (p < 0) {
                throw new MalformedForwardingException("X-Forwarded-Port: '" + port + "' is not a port");
            }
        } else if (hp != null) {
            p = hp.port();
        }
        return new Forwarding(client, proto == null ? null : scheme("X-Forwarded-Proto", proto),
                hp == null ? null : hp.name(), p);
    }

    private static Forwarding forwarded(TrustedProxies trusted, List<String> lines) throws MalformedForwardingException {
        Node reporter = null;
        ForwardedHeader.Element chosen = null;
        Node client = null;
        walk:
        for (int l = lines.size() - 1; l >= 0; l--) {
            List<ForwardedHeader.Element> elements = ForwardedHeader.parse(lines.get(l));
            for (int i = elements.size() - 1; i >= 0; i--) {
                ForwardedHeader.Element e = elements.get(i);
                chosen = e;
                Node n = e.forNode() == null ? Node.UNKNOWN : Node.parse(e.forNode());
                if (n == null) {
                    throw new MalformedForwardingException("Forwarded: for=\"" + e.forNode() + "\" is not a node");
                }
                if (!n.hasAddress()) {
                    client = reporter;
                    break walk;
                }
                client = n;
                if (!trusted.contains(n.address())) {
                    break walk;
                }
                reporter = n;
            }
        }
        if (chosen == null) {
            return Forwarding.NONE;
        }
        HostPort hp = chosen.host() == null ? null : hostPort("Forwarded: host", chosen.host());
        return new Forwarding(client, chosen.proto() == null ? null : scheme("Forwarded: proto", chosen.proto()),
                hp == null ? null : hp.name(), hp == null ? -1 : hp.port());
    }

    /** The entries of a comma-separated list spread over any number of field lines, trimmed, empty ones left out. */
    static List<String> entries(List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(4);
        for (String line : lines) {
            int start = 0;
            while (start <= line.length()) {
                int comma = line.indexOf(',', start);
                int end = comma < 0 ? line.length() : comma;
                String e = line.substring(start, end).strip();
                if (!e.isEmpty()) {
                    out.add(e);
                }
                start = end + 1;
            }
        }
        return out;
    }

    /** The entry for the hop at {@code index} when there is one per hop, else the right-most; null when none. */
    private static String atHop(List<String> lines, int hops, int index) {
        List<String> values = entries(lines);
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == hops && index >= 0 ? values.get(index) : values.get(values.size() - 1);
    }

    private static String scheme(String header, String v) throws MalformedForwardingException {
        String s = v.toLowerCase(Locale.ROOT);
        if (!s.equals("http") && !s.equals("https")) {
            throw new MalformedForwardingException(header + ": '" + v + "' is not http or https");
        }
        return s.equals("http") ? "http" : "https";
    }

    private static HostPort hostPort(String header, String v) throws MalformedForwardingException {
        HostPort hp = HostPort.parse(v);
        if (hp == null) {
            throw new MalformedForwardingException(header + ": '" + v + "' is not a host[:port]");
        }
        return hp;
    }
}
