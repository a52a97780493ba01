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

/**
 * multipart/form-data (RFC 7578) for getParts(), read as the body streams in within the
 * servlet's MultipartConfig and the context's {@link RequestLimits}: at most maxPartCount parts,
 * each with a header section of at most maxPartHeaderBytes, the body within maxRequestSize (or
 * maxMultipartBytes), each part within maxFileSize. Form fields without a file name also become
 * request parameters. The outcome, parts or failure, is kept for the rest of the request: a
 * failed body is not read again, and the same exception is thrown to every later call.
 */
public final class MultipartParser {
    private static final String IN_CONFIG = " in the servlet's multipart configuration";

    private MultipartParser() {
    }

    @SuppressWarnings("unchecked")
    public static Collection<Part> parts(Request req, RequestState s) throws IOException, ServletException {
        if (s.parts instanceof Collection<?> done) {
            return (Collection<Part>) done;
        }
        if (s.parts instanceof IOException failed) {
            throw failed;
        }
        if (s.parts instanceof RuntimeException failed) {
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
            parts = read(req, s, cfg, Boundary.of(type), cs);
        } catch (IOException | RuntimeException e) {
            s.parts = e; // kept out of the attributes, like the parts themselves
            throw e;
        }
        addFields(req, s, parts, cs);
        Collection<Part> result = Collections.unmodifiableList(parts);
        s.parts = result;
        return result;
    }

    private static List<Part> read(Request req, RequestState s, MultipartConfigElement cfg, String boundary,
                                   Charset cs) throws IOException {
        RequestLimits limits = s.context.requestLimits();
        Limit body = cfg.getMaxRequestSize() > 0
                ? new Limit("maxRequestSize", cfg.getMaxRequestSize(), "multipart body too large", IN_CONFIG)
                : new Limit(RequestLimits.MAX_MULTIPART_BYTES, limits.maxMultipartBytes(), "multipart body too large",
                        " (the servlet's multipart configuration sets no maxRequestSize)");
        long declared = s.head.contentLength();
        if (declared > 0 && !body.allows(declared)) {
            throw body.exceeded(); // refused before reading a byte
        }
        Limit count = new Limit(RequestLimits.MAX_PART_COUNT, limits.maxPartCount(),
                "multipart body with more than " + limits.maxPartCount() + " parts", "");
        Limit header = new Limit(RequestLimits.MAX_PART_HEADER_BYTES, limits.maxPartHeaderBytes(),
                "a part's header section longer than " + limits.maxPartHeaderBytes() + " bytes", "");
        Limit file = cfg.getMaxFileSize() > 0
                ? new Limit("maxFileSize", cfg.getMaxFileSize(), "a part larger than " + cfg.getMaxFileSize() + " bytes",
                        IN_CONFIG)
                : Limit.none("maxFileSize");
        Path location = location(cfg, s.context);
        Files.createDirectories(location);
        PartStore store = new PartStore(location, cfg.getFileSizeThreshold(),
                PartStore.budgetFor(cfg.getFileSizeThreshold()));
        PartScanner scanner = new PartScanner(req.getInputStream(), boundary, body);
        List<Part> parts = new ArrayList<>(4);
        long seen = 0;
        try {
            while (scanner.nextPart()) {
                if (!count.allows(++seen)) {
                    throw count.exceeded();
                }
                byte[] head = scanner.headerSection(header);
                PartHeaders.check(head);
                String disposition = PartHeaders.get(head, cs, "Content-Disposition");
                String name = disposition == null || !"form-data".equals(HeaderParams.type(disposition))
                        ? null : HeaderParams.get(disposition, "name");
                if (name == null) {
                    continue; // not a form-data part (RFC 7578 section 4.2): skipped, as the peers do
                }
                parts.add(store.read(scanner, head, cs, name, HeaderParams.get(disposition, "filename"), file));
            }
        } catch (IOException | RuntimeException e) {
            store.deleteAll();
            throw e;
        }
        return parts;
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
        WebAppContext ctx = s.context;
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
            s.params.add(p.getName(), ((FormPart) p).text(cs));
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
