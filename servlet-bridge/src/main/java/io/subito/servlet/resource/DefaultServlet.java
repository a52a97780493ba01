package io.subito.servlet.resource;

import io.subito.servlet.config.ResponseSettings;
import io.subito.servlet.request.RequestHeaders;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Serves static resources: Content-Type by extension, validators (ETag, Last-Modified) with
 * 304/412, byte ranges (206/416), a trailing-slash redirect for directories. Never lists a
 * directory and never serves WEB-INF or META-INF.
 */
public final class DefaultServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Resources resources;
    /** Read per request: the settings may be set after the servlet is made, before the context starts. */
    private final transient java.util.function.Supplier<ResponseSettings> settings;

    public DefaultServlet(Resources resources, java.util.function.Supplier<ResponseSettings> settings) {
        this.resources = resources;
        this.settings = settings;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        serve(req, res, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        serve(req, res, false);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        serve(req, res, true);
    }

    private static String path(HttpServletRequest req) {
        boolean included = req.getDispatcherType() == DispatcherType.INCLUDE
                && req.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI) != null;
        String sp = included ? (String) req.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH) : req.getServletPath();
        String pi = included ? (String) req.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO) : req.getPathInfo();
        String p = (sp == null ? "" : sp) + (pi == null ? "" : pi);
        return p.isEmpty() ? "/" : p;
    }

    /**
     * WEB-INF and META-INF: never served to a client's request, whatever servlet a pattern
     * would pick. The application itself may forward or include what it keeps there (Servlet 6.1
     * section 10.5: "may be exposed using the RequestDispatcher calls"), as MVC views and
     * fragments are.
     */
    public static boolean isProtected(String path) {
        return isDirOrUnder(path, "/WEB-INF") || isDirOrUnder(path, "/META-INF");
    }

    /** Case-insensitive, without making an upper-case copy of every request's path. */
    private static boolean isDirOrUnder(String path, String dir) {
        int n = dir.length();
        return path.regionMatches(true, 0, dir, 0, n) && (path.length() == n || path.charAt(n) == '/');
    }

    private void serve(HttpServletRequest req, HttpServletResponse res, boolean body) throws IOException {
        String path = path(req);
        DispatcherType dispatch = req.getDispatcherType();
        boolean included = dispatch == DispatcherType.INCLUDE;
        // an error page answers with the error's status: no validators, no ranges (as Tomcat)
        boolean plain = included || dispatch == DispatcherType.ERROR;
        Resources resources = this.resources;
        if (dispatch == DispatcherType.REQUEST && isProtected(path)) {
            notFound(req, res, included, path);
            return;
        }
        if (resources.isDirectory(path)) {
            if (!path.endsWith("/") && !included) {
                String q = req.getQueryString();
                res.sendRedirect(req.getRequestURI() + "/" + (q == null ? "" : "?" + q), 302, true);
                return;
            }
            notFound(req, res, included, path); // no listings
            return;
        }
        Resources.Info info = resources.info(path);
        if (info == null || path.endsWith("/")) {
            notFound(req, res, included, path);
            return;
        }
        String etag = "W/\"" + info.length() + "-" + info.lastModified() + "\"";
        if (!plain) {
            if (!Conditionals.check(req, res, etag, info.lastModified())) {
                return;
            }
            res.setHeader("ETag", etag);
            if (info.lastModified() > 0) {
                res.setDateHeader("Last-Modified", info.lastModified());
            }
            res.setHeader("Accept-Ranges", "bytes");
        }
        String type = getServletContext().getMimeType(path);
        if (type != null && !included) {
            res.setContentType(type);
        }
        java.util.List<ByteRanges.Range> ranges = null;
        String rangeHeader = plain ? null : req.getHeader("Range");
        if (rangeHeader != null && Conditionals.ifRangeMatches(req, etag, info.lastModified())) {
            ByteRanges.Plan plan = ByteRanges.plan(rangeHeader, info.length(), settings.get().maxRanges());
            switch (plan.kind()) {
                case PARTIAL -> ranges = plan.ranges();
                case UNSATISFIABLE, REFUSED -> {
                    res.setHeader("Content-Range", "bytes */" + info.length());
                    res.sendError(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE, "Range refused: " + plan.reason());
                    return;
                }
                case WHOLE -> { }
            }
        }
        ServletOutputStream stream = null;
        try {
            stream = res.getOutputStream();
        } catch (IllegalStateException writerInUse) {
            // a filter or includer already uses the writer: the file goes through it, length unknown
        }
        if (ranges != null && ranges.size() > 1 && stream != null) {
            MultipleRanges.send(ranges, type, info.length(), () -> resources.open(path), res, stream, body);
            return;
        }
        ByteRanges.Range range = ranges == null ? null : ranges.get(0);
        if (range != null) {
            res.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            res.setHeader("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + info.length());
            if (stream != null) {
                res.setContentLengthLong(range.length());
            }
        } else if (!included && stream != null) {
            res.setContentLengthLong(info.length());
        }
        if (!body) {
            return;
        }
        try (InputStream in = resources.open(path)) {
            if (in == null) {
                notFound(req, res, included, path);
                return;
            }
            long skip = range == null ? 0 : range.start();
            long length = range == null ? info.length() : range.length();
            in.skipNBytes(skip);
            copy(in, stream, res, length);
        }
    }

    static void copy(InputStream in, ServletOutputStream out, HttpServletResponse res, long length)
            throws IOException {
        if (out == null) {
            // the writer is in use: send the file as text through it
            PrintWriter w = res.getWriter();
            Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
            char[] buf = new char[4096];
            int n;
            while ((n = r.read(buf)) > 0) {
                w.write(buf, 0, n);
            }
            return;
        }
        byte[] buf = new byte[(int) Math.min(16384, Math.max(length, 1))];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void notFound(HttpServletRequest req, HttpServletResponse res, boolean included, String path)
            throws IOException {
        if (included) {
            // sendError is ignored inside an include, so say it the way Tomcat does
            throw new FileNotFoundException("resource " + path + " not found");
        }
        res.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    static long dateHeader(HttpServletRequest req, String name) {
        String v = req.getHeader(name);
        if (v == null) {
            return -1;
        }
        long t = RequestHeaders.parseDate(v.trim());
        return t == Long.MIN_VALUE ? -1 : t;
    }
}
