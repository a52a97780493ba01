package io.subito.servlet.response;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Turning a redirect target into what the Location header carries: by default a path reference
 * ({@code /app/next}), which the client resolves against the URL it asked for, so the header
 * never repeats what the client sent as Host (Tomcat's {@code useRelativeRedirects=true});
 * with {@code relativeRedirects=false}, an absolute URI built from the request's scheme, Host and
 * port. Either way a target without a leading '/' is relative to the current request URI and
 * dot segments are resolved (Servlet 6.1 {@code sendRedirect}).
 */
final class Redirects {
    private Redirects() {
    }

    /**
     * A path reference, or the target as given when it has a scheme or is a network-path
     * reference ({@code //host/x}). HTTP/1.0 clients get the absolute form, as on Tomcat: RFC 1945
     * allows only absolute URIs in Location.
     */
    static String location(HttpServletRequest req, String location, boolean relative) {
        if (!relative || "HTTP/1.0".equals(req.getProtocol())) {
            return absolute(req, location);
        }
        if (hasScheme(location) || location.startsWith("//")) {
            return location;
        }
        return path(req, location);
    }

    static String absolute(HttpServletRequest req, String location) {
        if (hasScheme(location)) {
            return location;
        }
        StringBuilder base = new StringBuilder(64);
        String scheme = req.getScheme();
        if (location.startsWith("//")) {
            return scheme + ":" + location;
        }
        base.append(scheme).append("://").append(req.getServerName());
        int port = req.getServerPort();
        if (port > 0 && port != io.subito.container.RequestOrigin.defaultPort(scheme)) {
            base.append(':').append(port);
        }
        return base.append(path(req, location)).toString();
    }

    /** The target as an absolute path: resolved against the current request URI, dot segments removed. */
    private static String path(HttpServletRequest req, String location) {
        if (location.startsWith("/")) {
            return normalize(location);
        }
        String uri = req.getRequestURI();
        return normalize(uri.substring(0, uri.lastIndexOf('/') + 1) + location);
    }

    private static boolean hasScheme(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return i > 0;
            }
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return false;
    }

    /** Resolves "." and ".." segments in the path part, leaving query and fragment alone. */
    private static String normalize(String path) {
        int q = indexOfAny(path, "?#");
        String p = q < 0 ? path : path.substring(0, q);
        String rest = q < 0 ? "" : path.substring(q);
        if (!p.contains("/.")) {
            return path;
        }
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        String[] segs = p.split("/", -1);
        for (int i = 1; i < segs.length; i++) {
            String seg = segs[i];
            boolean last = i == segs.length - 1;
            if (seg.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (seg.equals("..")) {
                out.pollLast();
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(seg);
            }
        }
        return "/" + String.join("/", out) + rest;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
