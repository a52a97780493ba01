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
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletDiskFileUpload;

/**
 * multipart/form-data (RFC 7578) for getParts(), parsed by Apache Commons FileUpload as the body
 * streams in, within the servlet's MultipartConfig limits; form fields without a file name also
 * become request parameters. Temp files are deleted when the request ends.
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
        Charset cs = charset(req);
        List<Part> parts = read(req, cfg, location(cfg, s.context), maxRequest > 0 ? maxRequest : -1, s.context, cs);
        if (!s.params.isParsed()) {
            req.getParameterMap(); // query parameters first, then the fields
        }
        StringBuilder fields = new StringBuilder();
        for (Part p : parts) {
            if (p.getSubmittedFileName() == null) {
                String v = ((FormPart) p).text(cs);
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

    /** Names the limit that was hit, so an operator knows which setting to raise. */
    private static String sizeMessage(FileUploadSizeException e, long maxRequest, long max) {
        if (e.getPermitted() != max) {
            return e.getMessage(); // a single file over maxFileSize
        }
        return "multipart request exceeds " + (maxRequest >= 0
                ? "maxRequestSize " + max + " of its multipart configuration"
                : RequestLimits.MAX_MULTIPART_BYTES + "=" + max + " (its multipart configuration sets no maxRequestSize)");
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
     * Streams the body through Commons FileUpload: a part stays in memory up to the
     * configuration's fileSizeThreshold and goes to a temp file in the location beyond it, so a
     * large upload never sits in the heap.
     *
     * @param maxRequest the servlet's maxRequestSize, or -1 when it sets none: then the
     *        context's maxMultipartBytes bounds the body, and the message names that setting
     */
    private static List<Part> read(Request req, MultipartConfigElement cfg, Path location, long maxRequest,
                                   WebAppContext ctx, Charset cs) throws IOException, ServletException {
        long max = maxRequest >= 0 ? maxRequest : ctx.requestLimits().maxMultipartBytes();
        Files.createDirectories(location);
        DiskFileItemFactory factory = DiskFileItemFactory.builder()
                .setPath(location)
                .setBufferSize(Math.max(0, cfg.getFileSizeThreshold()))
                .setCharset(cs)
                .get();
        JakartaServletDiskFileUpload upload = new JakartaServletDiskFileUpload(factory);
        upload.setSizeMax(max);
        upload.setFileSizeMax(cfg.getMaxFileSize() > 0 ? cfg.getMaxFileSize() : -1);
        upload.setHeaderCharset(cs);
        List<DiskFileItem> items;
        try {
            items = upload.parseRequest(req);
        } catch (FileUploadSizeException e) {
            // the Servlet API's signal for a multipart body over its configured limits
            throw new IllegalStateException(sizeMessage(e, maxRequest, max), e);
        } catch (FileUploadException e) {
            throw new ServletException("malformed multipart body: " + e.getMessage(), e);
        }
        List<Part> parts = new ArrayList<>(items.size());
        for (DiskFileItem item : items) {
            parts.add(new FormPart(item, location));
        }
        return parts;
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

}
