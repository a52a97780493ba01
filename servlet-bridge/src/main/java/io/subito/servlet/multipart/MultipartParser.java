package io.subito.servlet.multipart;

import io.subito.servlet.RequestLimits;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.request.ContentTypes;
import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * multipart/form-data (RFC 7578) for getParts(). The body is read once, within the servlet's
 * MultipartConfig limits; form fields without a file name also become request parameters.
 */
public final class MultipartParser {
    private MultipartParser() {
    }

    @SuppressWarnings("unchecked")
    public static Collection<Part> parts(Request req, RequestState s) throws IOException, ServletException {
        if (s.parts != null) {
            return (Collection<Part>) s.parts;
        }
        MultipartConfigElement cfg = s.match == null ? null : s.match.holder().multipartConfig();
        if (cfg == null) {
            throw new IllegalStateException("no multipart configuration for servlet "
                    + (s.match == null ? "?" : s.match.getServletName()));
        }
        String type = s.head.header("Content-Type");
        if (!"multipart/form-data".equals(ContentTypes.mediaType(type))) {
            throw new ServletException("not a multipart/form-data request");
        }
        String boundary = boundaryOf(type);
        if (boundary == null) {
            throw new ServletException("multipart request without a boundary");
        }
        long declared = s.head.contentLength();
        long maxRequest = cfg.getMaxRequestSize();
        if (maxRequest > 0 && declared > maxRequest) {
            throw new IllegalStateException("request of " + declared + " bytes exceeds maxRequestSize " + maxRequest);
        }
        byte[] body = readAll(req.getInputStream(), maxRequest > 0 ? maxRequest : -1, s.context);
        Path location = location(cfg, s.context);
        Charset cs = charset(req);
        List<Part> parts = split(body, boundary, cfg, location, cs);
        if (!s.params.isParsed()) {
            req.getParameterMap(); // query parameters first, then the fields
        }
        StringBuilder fields = new StringBuilder();
        for (Part p : parts) {
            if (p.getSubmittedFileName() == null) {
                String v = new String(((FormPart) p).bytes(), cs);
                if (fields.length() > 0) {
                    fields.append('&');
                }
                fields.append(enc(p.getName())).append('=').append(enc(v));
            }
        }
        if (fields.length() > 0) {
            int max = s.context.requestLimits().maxParameterCount();
            if (s.params.addEncoded(fields.toString(), StandardCharsets.UTF_8, max)) {
                s.context.log("multipart fields beyond " + max + " were dropped from the parameters (setting "
                        + RequestLimits.MAX_PARAMETER_COUNT + ")");
            }
        }
        Collection<Part> result = Collections.unmodifiableList(parts);
        s.parts = result; // kept out of the attributes so getAttributeNames shows only the application's
        return result;
    }

    private static String enc(String v) {
        return new String(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
    }

    private static Charset charset(Request req) {
        String enc = req.getCharacterEncoding();
        try {
            return enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static Path location(MultipartConfigElement cfg, ServletContext ctx) {
        File tmp = (File) ctx.getAttribute(ServletContext.TEMPDIR);
        Path base = tmp != null ? tmp.toPath() : Path.of(System.getProperty("java.io.tmpdir"));
        String loc = cfg.getLocation();
        if (loc == null || loc.isEmpty()) {
            return base;
        }
        Path p = Path.of(loc);
        return p.isAbsolute() ? p : base.resolve(p);
    }

    static String boundaryOf(String type) {
        for (String param : type.split(";")) {
            String t = param.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = t.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? null : b;
            }
        }
        return null;
    }

    /**
     * Reads the whole body, held in memory while parsed.
     *
     * @param maxRequest the servlet's maxRequestSize, or -1 when it sets none: then the
     *        context's maxMultipartBytes bounds the body, and the message names that setting
     */
    private static byte[] readAll(InputStream in, long maxRequest, WebAppContext ctx) throws IOException {
        long max = maxRequest >= 0 ? maxRequest : ctx.requestLimits().maxMultipartBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > max) {
                throw new IllegalStateException("multipart request exceeds " + (maxRequest >= 0
                        ? "maxRequestSize " + max + " of its multipart configuration"
                        : RequestLimits.MAX_MULTIPART_BYTES + "=" + max + " (its multipart configuration sets no maxRequestSize)"));
            }
        }
        return out.toByteArray();
    }

    private static List<Part> split(byte[] body, String boundary, MultipartConfigElement cfg, Path location,
                                    Charset cs) throws IOException, ServletException {
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delim, 0);
        if (pos < 0) {
            throw new ServletException("multipart body has no boundary line");
        }
        while (true) {
            pos += delim.length;
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts; // closing delimiter
            }
            pos = skipLine(body, pos);
            int headEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, pos - 2);
            if (headEnd < 0) {
                throw new ServletException("malformed multipart part head");
            }
            Map<String, List<String>> headers = headers(new String(body, pos, Math.max(0, headEnd - pos), cs));
            int dataStart = headEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int dataEnd = indexOf(body, next, dataStart);
            if (dataEnd < 0) {
                throw new ServletException("multipart part is not terminated");
            }
            byte[] data = java.util.Arrays.copyOfRange(body, dataStart, dataEnd);
            String disposition = first(headers, "content-disposition");
            String name = param(disposition, "name");
            String fileName = param(disposition, "filename");
            if (fileName != null && cfg.getMaxFileSize() > 0 && data.length > cfg.getMaxFileSize()) {
                throw new IllegalStateException("file " + fileName + " exceeds maxFileSize " + cfg.getMaxFileSize());
            }
            if (name != null) {
                parts.add(new FormPart(headers, name, fileName, data, cfg.getFileSizeThreshold(), location));
            }
            pos = dataEnd + 2;
        }
    }

    private static Map<String, List<String>> headers(String head) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    private static String first(Map<String, List<String>> h, String name) {
        List<String> v = h.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    static String param(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String p : header.split(";")) {
            String t = p.trim();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = t.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    private static int skipLine(byte[] b, int pos) {
        while (pos < b.length && b[pos] != '\n') {
            pos++;
        }
        return pos + 1;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
