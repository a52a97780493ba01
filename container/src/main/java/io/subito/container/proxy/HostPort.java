package io.subito.container.proxy;

/**
 * A forwarded host as the client wrote it in {@code Host} (RFC 9110 §7.2): a name or IPv4
 * address, or an IPv6 literal in brackets, with an optional port. Names are limited to letters,
 * digits and {@code -._~}, which every DNS name is made of; anything else in a forwarded host is
 * refused rather than echoed into redirects.
 *
 * @param name the host without its port ({@code [::1]} keeps its brackets, as getServerName gives it)
 * @param port the port, or -1 when none was given
 */
public record HostPort(String name, int port) {

    /** The host, or null when {@code s} is not one. */
    public static HostPort parse(String s) {
        int end = s.length();
        int nameEnd;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || IpLiteral.parse(s, 1, close) == null || s.substring(1, close).indexOf(':') < 0) {
                return null;
            }
            nameEnd = close + 1;
        } else {
            nameEnd = 0;
            while (nameEnd < end && isNameChar(s.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == 0) {
                return null;
            }
        }
        if (nameEnd == end) {
            return new HostPort(s, -1);
        }
        if (s.charAt(nameEnd) != ':') {
            return null;
        }
        int port = Node.port(s, nameEnd + 1, end);
        return port < 0 ? null : new HostPort(s.substring(0, nameEnd), port);
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
