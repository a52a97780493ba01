package io.subito.container;

import io.subito.container.compress.AcceptEncoding;
import io.subito.container.compress.CompressionSettings;
import io.subito.container.compress.GzipEncoder;
import io.subito.container.compress.GzipEncoderPool;
import io.subito.container.http.RequestHead;

/**
 * Whether a response is gzipped, decided once when its head is committed, and what that changes
 * in the head. Only responses whose handler set {@link HttpResponse#compression} get here (one
 * null check per commit otherwise).
 *
 * <p>Never compressed: 1xx (an upgrade's 101), 204, 206 and 304; a response with a
 * Content-Encoding or Content-Range of its own; a body whose length is known and below
 * {@code compressionMinBytes}; a type not in {@code compressibleTypes}; HEAD (the caller does not
 * ask). A response that qualifies gets {@code Vary: Accept-Encoding} whatever the request said,
 * as it varies on it; it is compressed if the request's Accept-Encoding allows gzip and its
 * User-Agent is not one of {@code compressionExcludedUserAgents} (as Tomcat, which does not add
 * User-Agent to Vary either): then it gets
 * {@code Content-Encoding: gzip}, a strong ETag becomes weak (the bytes differ from the identity
 * representation's), Accept-Ranges goes (ranges are served of the identity representation only),
 * and the length is that of the compressed body: exact when the whole body was buffered, else
 * the body streams (chunked, or until close for HTTP/1.0).
 */
final class ResponseCompression {
    private static final String VARY = "Vary";
    private static final String ACCEPT_ENCODING = "Accept-Encoding";
    private static final String USER_AGENT = "User-Agent";

    private ResponseCompression() {
    }

    /**
     * Applies the rules to {@code r} before its head is encoded.
     *
     * @param complete the handler is done: the whole body is buffered, {@code total} bytes
     * @return whether the framing may still take the length from the buffer: false once the body
     *         is compressed as a stream (a whole compressed body sets the response's length itself)
     */
    static boolean apply(HttpResponse r, RequestHead request, boolean complete, long total, GzipEncoderPool pool) {
        CompressionSettings c = r.compression;
        int st = r.status;
        if (st < 200 || st == 204 || st == 206 || st == 304
                || r.containsHeader("Content-Encoding") || r.containsHeader("Content-Range")) {
            return complete;
        }
        long known = r.contentLength >= 0 ? r.contentLength : complete ? total : -1;
        if (known >= 0 && known < Math.max(1, c.minBytes()) || !c.compressible(r.header("Content-Type"))) {
            return complete;
        }
        addVary(r);
        if (r.acceptEncoding == null) {
            r.acceptEncoding = new AcceptEncoding(); // once per pooled exchange, then reused
        }
        if (!accepts(r.acceptEncoding, request)
                || c.excludesUserAgents() && c.excludesUserAgent(request.header(USER_AGENT))) {
            return complete;
        }
        String etag = r.header("ETag");
        if (etag != null && !etag.startsWith("W/")) {
            r.setHeader("ETag", "W/" + etag.trim());
        }
        r.removeHeader("Accept-Ranges");
        r.setHeader("Content-Encoding", "gzip");
        GzipEncoder gz = pool.take();
        r.gzip = gz;
        gz.begin();
        if (complete && (r.trailers == null || request.minorVersion() == 0)) {
            r.contentLength = r.body().compressWhole(gz);
            return true;
        }
        r.contentLength = -1;
        return false;
    }

    private static boolean accepts(AcceptEncoding a, RequestHead request) {
        a.reset();
        for (int i = request.indexOf(ACCEPT_ENCODING, 0); i >= 0; i = request.indexOf(ACCEPT_ENCODING, i + 1)) {
            a.add(request.headerValue(i));
        }
        return a.allowsGzip();
    }

    /** Appends Accept-Encoding to the last Vary field, unless some Vary already names it or is {@code *}. */
    static void addVary(HttpResponse r) {
        int last = -1;
        for (int i = 0; i < r.headerCount; i++) {
            if (r.names[i].equalsIgnoreCase(VARY)) {
                String v = r.values[i];
                if (listHas(v, "*") || listHas(v, ACCEPT_ENCODING)) {
                    return;
                }
                last = i;
            }
        }
        if (last < 0) {
            r.addHeader(VARY, ACCEPT_ENCODING);
        } else {
            String v = r.values[last].trim();
            r.values[last] = v.isEmpty() ? ACCEPT_ENCODING : v + ", " + ACCEPT_ENCODING;
        }
    }

    /** Whether a comma-separated field value has {@code token} as a member (case-insensitive). */
    static boolean listHas(String list, String token) {
        int n = list.length();
        int i = 0;
        while (i <= n) {
            int end = list.indexOf(',', i);
            if (end < 0) {
                end = n;
            }
            int s = i;
            int e = end;
            while (s < e && (list.charAt(s) == ' ' || list.charAt(s) == '\t')) {
                s++;
            }
            while (e > s && (list.charAt(e - 1) == ' ' || list.charAt(e - 1) == '\t')) {
                e--;
            }
            if (e - s == token.length() && list.regionMatches(true, s, token, 0, e - s)) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }
}
