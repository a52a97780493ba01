package io.subito.servlet.request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Fills the parameters on first use: the query string (UTF-8, as Tomcat's URIEncoding) and, for
 * a POST with an urlencoded body not yet read by the application, the form (request charset).
 */
final class FormReader {
    private FormReader() {
    }

    static void read(Request req, RequestState s) {
        String q = s.head.query();
        if (q != null && !q.isEmpty()) {
            s.params.addEncoded(q, StandardCharsets.UTF_8);
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
                io.subito.servlet.multipart.MultipartParser.parts(req, s);
            } catch (Exception e) {
                s.context.log("multipart body could not be parsed for parameters", e);
            }
        }
    }

    private static void readForm(Request req, RequestState s) {
        long len = s.head.contentLength();
        if (len > Request.MAX_FORM_BYTES) {
            s.context.log("form of " + len + " bytes exceeds " + Request.MAX_FORM_BYTES + "; parameters not parsed");
            return;
        }
        try {
            InputStream in = s.input;
            ByteArrayOutputStream out = new ByteArrayOutputStream(len > 0 ? (int) len : 256);
            byte[] buf = new byte[len > 0 ? (int) Math.min(len, 8192) : 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > Request.MAX_FORM_BYTES) {
                    s.context.log("form exceeds " + Request.MAX_FORM_BYTES + " bytes; parameters not parsed");
                    return;
                }
            }
            // the body bytes are ISO-8859-1-mapped 1:1 so %-escapes decode in the request charset
            s.params.addEncoded(out.toString(StandardCharsets.ISO_8859_1), req.bodyCharset());
        } catch (IOException e) {
            s.context.log("reading the form body failed", e);
        }
    }
}
