package io.subito.servlet.response;

import jakarta.servlet.http.HttpServletRequest;

/** Turning a redirect target into the absolute URI the Location header carries. */
final class Redirects {
    private Redirects() {
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
        String path;
        if (location.startsWith("/")) {
            path = location;
        } else {
            String uri = req.getRequestURI();
            path = uri.substring(0, uri.lastIndexOf('/') + 1) + location;
        }
        return base.append(normalize(path)).toString();
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
