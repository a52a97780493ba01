package io.subito.servlet.request;

/** Splitting a Host header into name and port, IPv6 literals included. */
final class HostHeader {
    private HostHeader() {
    }

    /** Index just past the host name (at ':' or the end). */
    static int hostEnd(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host.length() : close + 1;
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host.length() : colon;
    }
}
