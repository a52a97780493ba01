package io.subito.servlet.dispatch;

import io.subito.container.http.MalformedBodyException;
import io.subito.servlet.multipart.MalformedMultipartException;
import io.subito.servlet.multipart.MultipartLimitException;
import io.subito.servlet.session.store.SessionStoreException;
import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.request.Requests;
import io.subito.servlet.response.Response;
import io.subito.servlet.response.ResponseState;
import io.subito.servlet.response.Responses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns an exception or a pending sendError into the application's error page (an ERROR
 * dispatch with the spec's attributes) or, when there is none, a short HTML report.
 */
public final class ErrorHandler {
    private ErrorHandler() {
    }

    /** An exception escaped the servlet chain. */
    public static void exception(DispatchTarget ctx, Request req, Response res, Throwable t) {
        RequestState s = Requests.state(req);
        ResponseState rs = Responses.state(res);
        if (t instanceof ClientAbort || isClientIo(t)) {
            rs.raw.closeConnection();
            return;
        }
        MalformedBodyException badBody = causeOf(t, MalformedBodyException.class);
        if (badBody != null) {
            clientBrokeTheBody(ctx, req, res, badBody);
            return;
        }
        MultipartLimitException overLimit = causeOf(t, MultipartLimitException.class);
        MalformedMultipartException badMultipart = causeOf(t, MalformedMultipartException.class);
        if (overLimit != null || badMultipart != null) {
            multipartRefused(ctx, req, res, t, overLimit != null ? overLimit : badMultipart,
                    overLimit != null ? overLimit.status() : badMultipart.status());
            return;
        }
        SessionStoreException storeDown = causeOf(t, SessionStoreException.class);
        if (storeDown != null) {
            // the session store is unreachable: a clear, retryable answer, not a 500 or a new session
            ctx.log("servlet " + servletName(s) + " needs its session for " + s.requestUri
                    + " but the session store failed: " + storeDown.getMessage());
            if (rs.raw.isCommitted()) {
                rs.raw.abort();
            } else {
                rs.raw.setHeader("Retry-After", "5");
                respond(ctx, req, res, 503, ctx.errorPages().forStatus(503), null, "the session store cannot be reached");
            }
            return;
        }
        ctx.log("servlet " + servletName(s) + " threw for " + s.requestUri, t);
        if (rs.raw.isCommitted()) {
            rs.raw.abort(); // a half-sent response cannot be repaired, nor ended as if it were whole
            return;
        }
        Throwable matched = t;
        String page = ctx.errorPages().forException(t);
        while (page == null && matched instanceof ServletException se && se.getRootCause() != null) {
            matched = se.getRootCause();
            page = ctx.errorPages().forException(matched);
        }
        if (page == null) {
            page = ctx.errorPages().forStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }
        // the application's page gets the matched cause as its attribute; our report shows the whole chain
        respond(ctx, req, res, 500, page, page != null ? matched : t, null);
    }

    /**
     * The request body broke its framing (a bad chunk size, oversize trailers) while the
     * application read it. That is the client's error, answered with the engine's 4xx as a bare
     * engine handler would be, not a 500; the connection cannot be trusted for another request.
     */
    private static void clientBrokeTheBody(DispatchTarget ctx, Request req, Response res, MalformedBodyException bad) {
        ResponseState rs = Responses.state(res);
        rs.raw.closeConnection();
        if (rs.raw.isCommitted()) {
            return;
        }
        respond(ctx, req, res, bad.status(), ctx.errorPages().forStatus(bad.status()), null, bad.getMessage());
    }

    /**
     * getParts() refused the body and the application let it go: past a multipart limit 413,
     * malformed 400 (through the application's error page for the exception or the status, if
     * any), as the client caused it. One log line naming the cause, no stack trace, since a
     * hostile client can send these at will.
     */
    private static void multipartRefused(DispatchTarget ctx, Request req, Response res, Throwable thrown,
                                         Exception cause, int status) {
        ResponseState rs = Responses.state(res);
        ctx.log("multipart request to " + Requests.state(req).requestUri + " refused with " + status + ": " + cause.getMessage());
        if (rs.raw.isCommitted()) {
            rs.raw.abort();
            return;
        }
        String page = ctx.errorPages().forException(thrown);
        if (page == null) {
            page = ctx.errorPages().forStatus(status);
        }
        respond(ctx, req, res, status, page, cause, cause.getMessage()); // the message is ours: it names the limit or flaw
    }

    /** Replaces the response with {@code status}: the error page when there is one, else the report. */
    private static void respond(DispatchTarget ctx, Request req, Response res, int status, String page,
                                Throwable cause, String message) {
        RequestState s = Requests.state(req);
        ResponseState rs = Responses.state(res);
        rs.suspended = false;
        rs.errorPending = false;
        rs.raw.resetBuffer();
        rs.raw.status(status);
        if (page != null && s.dispatcherType != jakarta.servlet.DispatcherType.ERROR) {
            setAttributes(s, status, cause != null ? cause.getMessage() : message, cause);
            dispatch(ctx, page, req, res);
        } else {
            report(rs, status, message, details(ctx, s, cause));
        }
    }

    /**
     * The trace of {@code cause} for the report page, when {@code errorDetails} lets this client
     * see it; null otherwise (and always when there is no cause).
     */
    static String details(DispatchTarget ctx, RequestState s, Throwable cause) {
        if (cause == null || ctx.errorDetails() == ErrorDetails.OFF) {
            return null;
        }
        java.net.InetSocketAddress peer = s.exchange.remoteAddress();
        boolean forwarded = s.head.header("Forwarded") != null || s.head.header("X-Forwarded-For") != null;
        if (!ctx.errorDetails().showsTo(peer == null ? null : peer.getAddress(), forwarded)) {
            return null;
        }
        java.io.StringWriter trace = new java.io.StringWriter();
        cause.printStackTrace(new java.io.PrintWriter(trace));
        return trace.toString();
    }

    /** The {@code type} behind {@code t}, however the application wrapped it, or null. */
    private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() != c ? c.getCause() : null) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof ServletException se && se.getRootCause() != null && se.getRootCause() != c.getCause()) {
                return causeOf(se.getRootCause(), type);
            }
        }
        return null;
    }

    /** Called when the request ends: renders a pending sendError. */
    public static void finishPendingError(DispatchTarget ctx, Request req, Response res) {
        ResponseState rs = Responses.state(res);
        if (!rs.errorPending) {
            return;
        }
        RequestState s = Requests.state(req);
        rs.errorPending = false;
        rs.suspended = false;
        int status = rs.errorStatus;
        String page = ctx.errorPages().forStatus(status);
        if (page != null && s.dispatcherType != jakarta.servlet.DispatcherType.ERROR) {
            setAttributes(s, status, rs.errorMessage, null);
            dispatch(ctx, page, req, res);
        } else {
            report(rs, status, rs.errorMessage);
        }
    }

    private static void dispatch(DispatchTarget ctx, String page, Request req, Response res) {
        ResponseState rs = Responses.state(res);
        // the error page starts afresh: it may use the writer even if the servlet used the stream (as Tomcat)
        rs.outputMode = ResponseState.OUTPUT_NONE;
        try {
            Dispatcher.forPath(ctx, page).error(req, res);
            if (rs.errorPending) {
                // the error page itself sent an error: fall back to the plain report
                rs.errorPending = false;
                rs.suspended = false;
                report(rs, rs.errorStatus, rs.errorMessage);
            }
        } catch (Throwable t) {
            ctx.log("error page " + page + " failed", t);
            if (!rs.raw.isCommitted()) {
                rs.raw.resetBuffer();
                report(rs, 500, null);
            }
        }
    }

    private static void setAttributes(RequestState s, int status, String message, Throwable t) {
        s.attributes.put(RequestDispatcher.ERROR_STATUS_CODE, status);
        s.attributes.put(RequestDispatcher.ERROR_MESSAGE, message == null ? "" : message);
        put(s, RequestDispatcher.ERROR_EXCEPTION, t);
        put(s, RequestDispatcher.ERROR_EXCEPTION_TYPE, t == null ? null : t.getClass());
        put(s, RequestDispatcher.ERROR_REQUEST_URI, s.requestUri);
        put(s, RequestDispatcher.ERROR_SERVLET_NAME, servletName(s));
        put(s, RequestDispatcher.ERROR_QUERY_STRING, s.queryString);
        put(s, RequestDispatcher.ERROR_METHOD, s.head.method());
    }

    private static void put(RequestState s, String key, Object value) {
        if (value == null) {
            s.attributes.remove(key);
        } else {
            s.attributes.put(key, value);
        }
    }

    private static String servletName(RequestState s) {
        return s.match == null ? null : s.match.getServletName();
    }

    /** Tomcat-style minimal report page. */
    static void report(ResponseState rs, int status, String message) {
        report(rs, status, message, null);
    }

    /** The report page; {@code details} (a stack trace), when given, is shown escaped below the title. */
    static void report(ResponseState rs, int status, String message, String details) {
        if (rs.raw.isCommitted()) {
            return;
        }
        rs.raw.resetBuffer();
        rs.raw.status(status);
        String reason = io.subito.container.HttpStatus.reason(status);
        String title = "HTTP Status " + status + " \u2013 " + (reason.isEmpty() ? "Status " + status : reason);
        StringBuilder html = new StringBuilder(256);
        html.append("<!doctype html><html lang=\"en\"><head><title>").append(title)
                .append("</title></head><body><h1>").append(title).append("</h1>");
        if (message != null && !message.isEmpty()) {
            html.append("<p><b>Message</b> ").append(escape(message)).append("</p>");
        }
        if (details != null) {
            html.append("<h2>Exception</h2><pre>").append(escape(details)).append("</pre>");
        }
        html.append("</body></html>");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        rs.raw.setHeader("Content-Type", "text/html;charset=utf-8");
        rs.raw.setHeader("Content-Language", "en");
        rs.raw.contentLength(body.length);
        try {
            rs.raw.output().write(body);
        } catch (IOException e) {
            rs.raw.closeConnection();
        }
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isClientIo(Throwable t) {
        return t instanceof java.net.SocketException || t instanceof java.io.EOFException;
    }

    /** Thrown when the client went away mid-request: not an application error. */
    public static final class ClientAbort extends IOException {
        private static final long serialVersionUID = 1L;

        public ClientAbort(String msg, Throwable cause) {
            super(msg, cause);
        }
    }
}
