package io.subito.servlet.resource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** RFC 9110 section 13 preconditions for a static resource. */
final class Conditionals {
    private Conditionals() {
    }

    /** False when the response has been answered (304 or 412). */
    static boolean check(HttpServletRequest req, HttpServletResponse res, String etag, long lastModified)
            throws IOException {
        String ifMatch = req.getHeader("If-Match");
        if (ifMatch != null) {
            if (!matchesAny(ifMatch, etag, true)) {
                res.sendError(HttpServletResponse.SC_PRECONDITION_FAILED);
                return false;
            }
        } else {
            long ius = DefaultServlet.dateHeader(req, "If-Unmodified-Since");
            if (ius >= 0 && lastModified / 1000 > ius / 1000) {
                res.sendError(HttpServletResponse.SC_PRECONDITION_FAILED);
                return false;
            }
        }
        boolean getOrHead = req.getMethod().equals("GET") || req.getMethod().equals("HEAD");
        String ifNoneMatch = req.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            if (matchesAny(ifNoneMatch, etag, false)) {
                if (getOrHead) {
                    notModified(res, etag);
                } else {
                    res.sendError(HttpServletResponse.SC_PRECONDITION_FAILED);
                }
                return false;
            }
            return true;
        }
        long ims = DefaultServlet.dateHeader(req, "If-Modified-Since");
        if (getOrHead && ims >= 0 && lastModified / 1000 <= ims / 1000) {
            notModified(res, etag);
            return false;
        }
        return true;
    }

    private static void notModified(HttpServletResponse res, String etag) {
        res.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        res.setHeader("ETag", etag);
    }

    /** If-Range: a full response unless the validator still matches. */
    static boolean ifRangeMatches(HttpServletRequest req, String etag, long lastModified) {
        String v = req.getHeader("If-Range");
        if (v == null) {
            return true;
        }
        v = v.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return !v.startsWith("W/") && v.equals(etag); // weak tags never match for ranges
        }
        long t = DefaultServlet.dateHeader(req, "If-Range");
        return t >= 0 && lastModified / 1000 == t / 1000;
    }

    private static boolean matchesAny(String header, String etag, boolean strong) {
        String h = header.trim();
        if (h.equals("*")) {
            return true;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String t : h.split(",")) {
            String tag = t.trim();
            if (strong) {
                if (!tag.startsWith("W/") && !etag.startsWith("W/") && tag.equals(etag)) {
                    return true;
                }
            } else if ((tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
