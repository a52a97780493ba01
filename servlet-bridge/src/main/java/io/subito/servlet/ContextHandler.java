package io.subito.servlet;

import io.subito.container.compress.CompressionSettings;
import io.subito.servlet.dispatch.ErrorHandler;
import io.subito.servlet.dispatch.Invoker;
import io.subito.servlet.mapping.Match;
import io.subito.servlet.resource.DefaultServlet;
import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.request.Requests;
import io.subito.servlet.response.Response;
import io.subito.servlet.response.ResponseState;
import io.subito.servlet.response.Responses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import java.io.IOException;
import java.util.List;

/** Serves one request inside its context: mapping, listeners, security, the chain, errors. */
public final class ContextHandler {
    private final WebAppContext ctx;
    /** What a request's state and the dispatch package see of the context. */
    private final ContextServices services;

    ContextHandler(WebAppContext ctx, ContextServices services) {
        this.ctx = ctx;
        this.services = services;
    }

    /**
     * Handles a request whose canonical path starts with this context's path. Returns true when
     * the request is finished, false when it went async (then {@link #finish} runs later).
     */
    public boolean handle(RequestState s, ResponseState rs, String fullPath) {
        String cp = ctx.getContextPath();
        String inContext = fullPath.substring(cp.length());
        if (inContext.isEmpty()) {
            redirectToRoot(s, rs, cp);
            return true;
        }
        s.context = services;
        s.rootContext = services;
        CompressionSettings compression = ctx.compression();
        if (compression.enabled()) {
            rs.raw.compression(compression); // decided by the engine at commit
        }
        s.contextPath = cp;
        s.requestUri = s.head.rawPath();
        s.queryString = s.head.query();
        s.dispatcherType = DispatcherType.REQUEST;
        ctx.sessions().identify(s);
        Request req = Requests.facade(s);
        Response res = Responses.facade(rs);
        s.counts.started(); // the statistics, and the stop's drain
        Thread thread = Thread.currentThread();
        ClassLoader old = thread.getContextClassLoader();
        thread.setContextClassLoader(ctx.getClassLoader());
        try {
            try {
                requestInitialized(req); // a failing listener is answered like a failing servlet
                // checked before mapping: *.jsp would otherwise serve /WEB-INF/x.jsp (Servlet 6.1 section 10.5)
                Match m = DefaultServlet.isProtected(inContext) ? null
                        : ctx.map(inContext);
                if (m == null) {
                    res.sendError(404);
                } else {
                    s.match = m;
                    s.servletPath = m.servletPath();
                    s.pathInfo = m.pathInfo();
                    if (ctx.security().check(s, req, res, inContext)) {
                        Invoker.invoke(services, s, m.holder(), inContext, DispatcherType.REQUEST, req, res);
                    }
                }
            } catch (Throwable t) {
                if (s.async != null) {
                    s.async.dispatchFailed(t); // listeners first, then the error page, then complete
                } else {
                    ErrorHandler.exception(services, req, res, t);
                }
            }
            if (s.async != null) {
                // async was started in this dispatch: the async state decides when the request ends
                s.async.dispatchReturned();
                return false;
            }
            finish(req, res);
            return true;
        } finally {
            thread.setContextClassLoader(old);
        }
    }

    /** Ends a request: a pending error page, the request-destroyed event, session bookkeeping. */
    public void finish(Request req, Response res) {
        try {
            finishRequest(req, res);
        } finally {
            Requests.state(req).counts.ended(Responses.state(res).raw.status());
        }
    }

    private void finishRequest(Request req, Response res) {
        RequestState s = Requests.state(req);
        ErrorHandler.finishPendingError(services, req, res);
        // the writer encodes straight into the engine's buffer, so there is nothing to flush here;
        // flushing would commit early and cost the response its exact Content-Length
        ResponseState rs = Responses.state(res);
        if (rs.raw.trailers() != null && !rs.raw.isCommitted()) {
            // trailer fields need a chunked body; the engine only chunks a response committed early
            try {
                rs.raw.flush();
            } catch (java.io.IOException e) {
                rs.raw.closeConnection();
            }
        }
        requestDestroyed(req);
        ctx.sessions().requestDone(s);
    }

    private void requestInitialized(Request req) {
        List<ServletRequestListener> ls = ctx.listeners().request;
        if (!ls.isEmpty()) {
            // one event serves both ends of the request: it is immutable
            ServletRequestEvent e = new ServletRequestEvent(ctx.servletContext(), req);
            Requests.state(req).requestEvent = e;
            for (ServletRequestListener l : ls) {
                l.requestInitialized(e);
            }
        }
    }

    private void requestDestroyed(Request req) {
        List<ServletRequestListener> ls = ctx.listeners().request;
        if (!ls.isEmpty()) {
            ServletRequestEvent e = Requests.state(req).requestEvent;
            if (e == null || e.getServletRequest() != req) {
                e = new ServletRequestEvent(ctx.servletContext(), req);
            }
            for (int i = ls.size() - 1; i >= 0; i--) {
                try {
                    ls.get(i).requestDestroyed(e);
                } catch (RuntimeException ex) {
                    ctx.log("requestDestroyed failed", ex);
                }
            }
        }
    }

    /** "/app" without the slash: Tomcat redirects to "/app/" so relative links resolve. */
    private static void redirectToRoot(RequestState s, ResponseState rs, String cp) {
        String q = s.head.query();
        rs.raw.status(302);
        rs.raw.setHeader("Location", cp + "/" + (q == null ? "" : "?" + q));
        rs.raw.contentLength(0);
    }

}
