package io.subito.servlet.request;

import io.subito.servlet.config.RequestLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Fills the parameters on first use: the query string (UTF-8, as Tomcat's URIEncoding) and, for
 * a POST with an urlencoded body not yet read by the application, the form (request charset).
 */
final class FormReader {
    /** The buffer a declared length may ask for up front; a larger form grows it as bytes arrive. */
    private static final int MAX_PREALLOCATED = 64 * 1024;

    private FormReader() {
    }

    static void read(Request req, RequestState s) {
        String q = s.head.query();
        if (q != null && !q.isEmpty()) {
            addParameters(s, q, StandardCharsets.UTF_8, "query string");
        }
        if (!s.head.isMethod("POST") || s.inputMode != RequestState.INPUT_NONE) {
            return;
        }
        String type = ContentTypes.mediaType(s.head.header("Content-Type"));
        if ("application/x-www-form-urlencoded".equals(type)) {
            readForm(req, s);
        } else if ("multipart/form-data".equals(type) && s.match != null
                && s.match.holder().multipartConfig() != null) {
            try {
                io.subito.servlet.request.MultipartParser.parts(req, s);
            } catch (Exception e) {
                // a hostile body must not fill the log with stack traces; getParts() throws it again
                s.context.log("multipart body could not be parsed for parameters: " + e);
            }
        }
    }

    /**
     * Adds parameters under the context's maxParameterCount; dropping some is logged with the
     * setting's name, since the application cannot tell that it got fewer than were sent.
     */
    static void addParameters(RequestState s, String encoded, Charset cs, String source) {
        RequestContext ctx = s.context;
        int max = ctx.requestLimits().maxParameterCount();
        if (s.params.addEncoded(encoded, cs, max)) {
            ctx.log("parameters of the " + source + " beyond " + max + " were dropped (setting "
                    + RequestLimits.MAX_PARAMETER_COUNT + ")");
        }
    }

    private static void readForm(Request req, RequestState s) {
        long len = s.head.contentLength();
        int max = s.context.requestLimits().maxFormBytes();
        if (len > max) {
            logOversize(s, len + " bytes", max);
            return;
        }
        try {
            InputStream in = s.input;
            ByteArrayOutputStream out = new ByteArrayOutputStream(len > 0 ? (int) Math.min(len, MAX_PREALLOCATED) : 256);
            byte[] buf = new byte[len > 0 ? (int) Math.min(len, 8192) : 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > max) {
                    logOversize(s, "more than " + max + " bytes", max);
                    return;
                }
            }
            // the body bytes are ISO-8859-1-mapped 1:1 so %-escapes decode in the request charset
            addParameters(s, out.toString(StandardCharsets.ISO_8859_1), req.bodyCharset(), "form body");
        } catch (IOException e) {
            s.context.log("reading the form body failed", e);
        }
    }

    private static void logOversize(RequestState s, String size, int max) {
        s.context.log("form of " + size + " exceeds " + RequestLimits.MAX_FORM_BYTES + "=" + max
                + "; its parameters are not parsed");
    }
}
