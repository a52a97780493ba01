package io.subito.servlet.request;

import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.multipart.MultipartReader;
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

/**
 * multipart/form-data (RFC 7578) for getParts(), read as the body streams in within the
 * servlet's MultipartConfig and the context's {@link RequestLimits}: at most maxPartCount parts,
 * each with a header section of at most maxPartHeaderBytes, the body within maxRequestSize (or
 * maxMultipartBytes), each part within maxFileSize. Form fields without a file name also become
 * request parameters. The outcome, parts or failure, is kept for the rest of the request: a
 * failed body is not read again, and the same exception is thrown to every later call.
 */
public final class MultipartParser {

    private MultipartParser() {
    }

    public static Collection<Part> parts(Request req, RequestState s) throws IOException, ServletException {
        if (s.parts != null) {
            return s.parts;
        }
        if (s.partsFailure instanceof IOException failed) {
            throw failed;
        }
        if (s.partsFailure instanceof RuntimeException failed) {
            throw failed;
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
        Charset cs = charset(req);
        List<Part> parts;
        try {
            parts = read(req, s, cfg, type, cs);
        } catch (IOException | RuntimeException e) {
            s.partsFailure = e; // kept out of the attributes, like the parts themselves
            throw e;
        }
        addFields(req, s, parts, cs);
        Collection<Part> result = Collections.unmodifiableList(parts);
        s.parts = result;
        return result;
    }

    /** The part of that name, or null (getPart). */
    static Part part(Collection<Part> parts, String name) {
        for (Part p : parts) {
            if (p.getName().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static List<Part> read(Request req, RequestState s, MultipartConfigElement cfg, String type,
                                   Charset cs) throws IOException {
        Path location = location(cfg, s.context.servletContext());
        return MultipartReader.read(req.getInputStream(), type, s.head.contentLength(), cfg,
                s.context.requestLimits(), location, cs);
    }

    /**
     * Fields (parts without a file name) become parameters after the query string's, within the
     * context's maxParameterCount and, for their values together, maxFormBytes, as an urlencoded
     * form would. Beyond either the parts are still there, and the context's log names the setting.
     */
    private static void addFields(Request req, RequestState s, List<Part> parts, Charset cs) throws IOException {
        if (!s.params.isParsed()) {
            req.getParameterMap(); // query parameters first, then the fields
        }
        RequestContext ctx = s.context;
        RequestLimits limits = ctx.requestLimits();
        int added = 0;
        long bytes = 0;
        for (Part p : parts) {
            if (p.getSubmittedFileName() != null) {
                continue;
            }
            if (added == limits.maxParameterCount()) {
                ctx.log("multipart fields beyond " + added + " were dropped from the parameters (setting "
                        + RequestLimits.MAX_PARAMETER_COUNT + ")");
                return;
            }
            bytes += p.getSize();
            if (bytes > limits.maxFormBytes()) {
                ctx.log("multipart fields beyond " + limits.maxFormBytes() + " bytes of values were not made "
                        + "parameters (setting " + RequestLimits.MAX_FORM_BYTES + ")");
                return;
            }
            s.params.add(p.getName(), MultipartReader.fieldText(p, cs));
            added++;
        }
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
}
