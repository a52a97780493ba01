package io.subito.container.proxy;

/**
 * One hop's address as a forwarding header names it: an IP address with an optional port
 * ({@code 192.0.2.60}, {@code 192.0.2.60:4711}, {@code [2001:db8::17]:4711}, a bare
 * {@code 2001:db8::17} as X-Forwarded-For writes it), or a node that names no address
 * (RFC 7239 §6: {@code unknown}, or an obfuscated {@code _hidden}).
 *
 * @param address 4 or 16 bytes; null for a node that names no address
 * @param port the port, or -1 when none (or an obfuscated one) was given
 */
public record Node(byte[] address, int port) {
    public static final Node UNKNOWN = new Node(null, -1);

    public boolean hasAddress() {
        return address != null;
    }

    /** The node, or null when {@code s} is not one. */
    public static Node parse(String s) {
        s = s.strip();
        if (s.equalsIgnoreCase("unknown") || obfuscated(s, 0, s.length())) {
            return UNKNOWN;
        }
        int end = s.length();
        int portAt = -1;
        byte[] a;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            // only IPv6 text goes in brackets (an IPv4-mapped address still comes back as 4 bytes)
            String inner = s.substring(1, close);
            a = inner.indexOf(':') >= 0 ? IpLiteral.parse(inner) : null;
            if (close + 1 < end) {
                if (s.charAt(close + 1) != ':') {
                    return null;
                }
                portAt = close + 2;
            }
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && colon == s.lastIndexOf(':')) {
                portAt = colon + 1; // IPv4 with a port: an IPv6 literal has at least two colons
                end = colon;
            }
            a = IpLiteral.parse(s, 0, end);
        }
        if (a == null) {
            return null;
        }
        if (portAt < 0) {
            return new Node(a, -1);
        }
        if (obfuscated(s, portAt, s.length())) {
            return new Node(a, -1);
        }
        int port = port(s, portAt, s.length());
        return port < 0 ? null : new Node(a, port);
    }

    /** A port of 1 to 5 digits, 1..65535; -1 otherwise. */
    public static int port(CharSequence s, int from, int to) {
        if (to - from < 1 || to - from > 5) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v >= 1 && v <= 65535 ? v : -1;
    }

    /** RFC 7239 obfnode / obfport: '_' then letters, digits, '.', '_', '-'. */
    private static boolean obfuscated(String s, int from, int to) {
        if (to - from < 2 || s.charAt(from) != '_') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The address as text ({@code getHostAddress} form), or null. */
    public String addressText() {
        return address == null ? null : IpLiteral.format(address);
    }
}
