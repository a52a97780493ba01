package io.subito.servlet.response;

import io.subito.servlet.request.ContentTypes;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The application's view of one response, a facade over the pooled {@link ResponseState}
 * valid while it is its request's current response facade. Content-Type and Content-Length are kept as state (so
 * charset rules can apply) and mirrored into the engine's headers.
 */
public final class Response implements HttpServletResponse {
    /** IMF-fixdate (RFC 9110 section 5.6.7): a two-digit day, which RFC_1123_DATE_TIME does not give. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /*
     * One field only: the facade is current while the request state names it as its response
     * facade (set when the request begins, cleared when it is recycled). 16 bytes instead of 24,
     * one per request. Package-private for the bound stream, which checks through this facade.
     */
    final ResponseState state;

    /** Made only by {@link Responses#facade}, which makes it the current response facade. */
    Response(ResponseState state) {
        this.state = state;
    }

    /** Whether this facade's response is the one its pooled state serves now. */
    boolean isCurrent() {
        return state.request.responseFacade == this;
    }

    ResponseState state() {
        ResponseState s = state;
        if (s.request.responseFacade != this) {
            throw new IllegalStateException("this response has completed; its object may not be used any more");
        }
        return s;
    }

    /** Whether status and headers may change: not committed, not inside an include, not after sendError/sendRedirect. */
    private boolean mutable(ResponseState s) {
        return s.includeDepth == 0 && !s.suspended && !s.raw.isCommitted();
    }

    // ---- cookies and headers ----

    @Override
    public void addCookie(Cookie cookie) {
        ResponseState s = state();
        // formatted (and so checked) even when it would be ignored: a bad cookie is a bug to report either way
        String header = SetCookie.format(cookie);
        if (mutable(s)) {
            s.raw.addHeader("Set-Cookie", header);
        }
    }

    @Override
    public boolean containsHeader(String name) {
        ResponseState s = state();
        if ("Content-Length".equalsIgnoreCase(name)) {
            return s.contentLength >= 0;
        }
        return s.raw.containsHeader(name);
    }

    @Override
    public void setHeader(String name, String value) {
        ResponseState s = state();
        if (name == null || !mutable(s)) {
            return;
        }
        if (special(s, name, value, true)) {
            return;
        }
        s.raw.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        ResponseState s = state();
        if (name == null || value == null || !mutable(s)) {
            return;
        }
        if (special(s, name, value, false)) {
            return;
        }
        s.raw.addHeader(name, value);
    }

    /** Content-Type and Content-Length set as headers go through their setters. */
    private boolean special(ResponseState s, String name, String value, boolean replace) {
        if ("Content-Type".equalsIgnoreCase(name)) {
            if (value != null || replace) {
                setContentType(value);
            }
            return true;
        }
        if ("Content-Length".equalsIgnoreCase(name)) {
            if (value == null) {
                s.contentLength = -1;
                s.raw.contentLength(-1);
            } else {
                try {
                    setContentLengthLong(Long.parseLong(value.trim()));
                } catch (NumberFormatException e) {
                    // an unparseable length is ignored, as Tomcat does
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void setDateHeader(String name, long date) {
        setHeader(name, HTTP_DATE.format(Instant.ofEpochMilli(date)));
    }

    @Override
    public void addDateHeader(String name, long date) {
        addHeader(name, HTTP_DATE.format(Instant.ofEpochMilli(date)));
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public String getHeader(String name) {
        ResponseState s = state();
        if ("Content-Length".equalsIgnoreCase(name)) {
            return s.contentLength >= 0 ? Long.toString(s.contentLength) : null;
        }
        return s.raw.header(name);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        ResponseState s = state();
        if ("Content-Length".equalsIgnoreCase(name)) {
            return s.contentLength >= 0 ? List.of(Long.toString(s.contentLength)) : List.of();
        }
        return s.raw.headers(name);
    }

    @Override
    public Collection<String> getHeaderNames() {
        ResponseState s = state();
        List<String> names = new ArrayList<>(s.raw.headerNames());
        if (s.contentLength >= 0) {
            names.add("Content-Length");
        }
        return names;
    }

    // ---- status, errors, redirects ----

    @Override
    public void setStatus(int sc) {
        ResponseState s = state();
        if (mutable(s)) {
            s.raw.status(sc);
        }
    }

    @Override
    public int getStatus() {
        return state().raw.status();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        ResponseState s = state();
        if (s.raw.isCommitted() || s.suspended) {
            throw new IllegalStateException("cannot send an error: the response is already committed");
        }
        if (s.includeDepth > 0) {
            return;
        }
        s.raw.status(sc);
        s.errorPending = true;
        s.errorStatus = sc;
        s.errorMessage = msg;
        s.raw.resetBuffer();
        s.suspended = true;
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        ResponseState s = state();
        if (s.raw.isCommitted()) {
            throw new IllegalStateException("cannot redirect: the response is already committed");
        }
        if (s.includeDepth > 0) {
            return;
        }
        if (clearBuffer) {
            s.raw.resetBuffer();
        }
        s.raw.status(sc);
        s.raw.setHeader("Location", Redirects.location(s.request.facade, location,
                s.request.context.responseSettings().relativeRedirects()));
        s.suspended = true;
    }

    // ---- URL rewriting ----

    @Override
    public String encodeURL(String url) {
        ResponseState s = state();
        return s.request.context.encodeUrl(s.request, url);
    }

    @Override
    public String encodeRedirectURL(String url) {
        return encodeURL(url);
    }

    // ---- content type, encoding, locale ----

    @Override
    public String getCharacterEncoding() {
        ResponseState s = state();
        if (s.charset != null) {
            return s.charset;
        }
        String d = s.request.context.responseCharacterEncoding();
        return d != null ? d : "ISO-8859-1";
    }

    @Override
    public void setCharacterEncoding(String enc) {
        ResponseState s = state();
        if (!mutable(s) || s.outputMode == ResponseState.OUTPUT_WRITER) {
            return;
        }
        s.charset = enc;
        s.charsetExplicit = enc != null;
        updateContentTypeHeader(s);
    }

    @Override
    public void setCharacterEncoding(Charset cs) {
        setCharacterEncoding(cs == null ? null : cs.name());
    }

    @Override
    public String getContentType() {
        ResponseState s = state();
        if (s.contentType == null) {
            return null;
        }
        return s.charset == null ? s.contentType : s.contentType + ";charset=" + s.charset;
    }

    @Override
    public void setContentType(String type) {
        ResponseState s = state();
        if (!mutable(s)) {
            return;
        }
        if (type == null) {
            s.contentType = null;
            if (s.outputMode != ResponseState.OUTPUT_WRITER) {
                s.charset = null;
                s.charsetExplicit = false;
            }
            updateContentTypeHeader(s);
            return;
        }
        ContentTypeMemo memo = s.contentTypes;
        if (!memo.knows(type)) {
            memo.parsed(type, withoutCharset(type), ContentTypes.charsetOf(type));
        }
        String cs = memo.charset();
        s.contentType = memo.type();
        if (cs != null && s.outputMode != ResponseState.OUTPUT_WRITER) {
            s.charset = cs;
            s.charsetExplicit = true;
        }
        updateContentTypeHeader(s);
    }

    private static String withoutCharset(String type) {
        int i = ContentTypes.indexOfCharset(type);
        if (i < 0) {
            return type;
        }
        int semiBefore = type.lastIndexOf(';', i);
        int semiAfter = type.indexOf(';', i);
        String head = type.substring(0, semiBefore < 0 ? i : semiBefore).trim();
        String tail = semiAfter < 0 ? "" : type.substring(semiAfter).trim();
        return tail.isEmpty() ? head : head + tail;
    }

    private void updateContentTypeHeader(ResponseState s) {
        if (s.contentType == null) {
            s.raw.removeHeader("Content-Type");
        } else {
            s.raw.setHeader("Content-Type", s.contentTypes.headerValue(s.contentType, s.charset));
        }
    }

    @Override
    public void setLocale(Locale loc) {
        ResponseState s = state();
        if (loc == null || !mutable(s)) {
            return;
        }
        s.locale = loc;
        s.raw.setHeader("Content-Language", loc.toLanguageTag());
        if (!s.charsetExplicit && s.outputMode != ResponseState.OUTPUT_WRITER) {
            String enc = s.request.context.localeEncoding(loc);
            if (enc != null) {
                s.charset = enc;
                updateContentTypeHeader(s);
            }
        }
    }

    @Override
    public Locale getLocale() {
        Locale l = state().locale;
        return l != null ? l : Locale.getDefault();
    }

    // ---- body ----

    @Override
    public ServletOutputStream getOutputStream() {
        ResponseState s = state();
        if (s.outputMode == ResponseState.OUTPUT_WRITER) {
            throw new IllegalStateException("getWriter() has already been called");
        }
        s.outputMode = ResponseState.OUTPUT_STREAM;
        if (s.boundOutput == null) {
            s.boundOutput = new BoundOutputStream(this);
        }
        return s.boundOutput;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        ResponseState s = state();
        if (s.outputMode == ResponseState.OUTPUT_STREAM) {
            throw new IllegalStateException("getOutputStream() has already been called");
        }
        if (s.outputMode == ResponseState.OUTPUT_NONE) {
            String name = getCharacterEncoding();
            Charset cs;
            try {
                cs = Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new UnsupportedEncodingException(name);
            }
            if (s.charset == null && mutable(s)) {
                s.charset = name; // the writer fixes the charset, and it shows in Content-Type
                updateContentTypeHeader(s);
            }
            s.sink.charset(cs);
            s.outputMode = ResponseState.OUTPUT_WRITER;
        }
        if (s.writer == null) {
            s.writer = new ResponseWriter(s);
        }
        return s.writer;
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        ResponseState s = state();
        if (!mutable(s)) {
            return;
        }
        s.contentLength = len < 0 ? -1 : len;
        s.raw.contentLength(s.contentLength);
    }

    @Override
    public void setBufferSize(int size) {
        ResponseState s = state();
        if (s.raw.isCommitted() || s.raw.bytesWritten() > 0) {
            throw new IllegalStateException("setBufferSize after content has been written");
        }
        s.raw.bufferSize(Math.max(size, 0));
    }

    @Override
    public int getBufferSize() {
        return state().raw.bufferSize();
    }

    @Override
    public void flushBuffer() throws IOException {
        ResponseState s = state();
        s.raw.flush();
    }

    @Override
    public void resetBuffer() {
        ResponseState s = state();
        if (s.raw.isCommitted()) {
            throw new IllegalStateException("resetBuffer after the response was committed");
        }
        s.raw.resetBuffer();
        s.sink.reset();
    }

    @Override
    public boolean isCommitted() {
        ResponseState s = state();
        return s.raw.isCommitted() || s.suspended;
    }

    @Override
    public void reset() {
        ResponseState s = state();
        if (s.raw.isCommitted()) {
            throw new IllegalStateException("reset after the response was committed");
        }
        if (s.includeDepth > 0) {
            return;
        }
        s.raw.reset();
        s.contentType = null;
        s.charset = null;
        s.charsetExplicit = false;
        s.locale = null;
        s.contentLength = -1;
        s.outputMode = ResponseState.OUTPUT_NONE;
        s.sink.reset();
    }

    // ---- trailers ----

    @Override
    public void setTrailerFields(Supplier<Map<String, String>> supplier) {
        ResponseState s = state();
        if (s.raw.isCommitted()) {
            throw new IllegalStateException("trailers must be set before the response is committed");
        }
        if (s.request.head.minorVersion() == 0) {
            throw new IllegalStateException("HTTP/1.0 has no trailer fields");
        }
        s.raw.trailers(supplier);
    }

    @Override
    public Supplier<Map<String, String>> getTrailerFields() {
        return state().raw.trailers();
    }

}
