package io.subito.servlet;

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
    /** Kept as a field so mapping a request allocates no lambda. */
    private final java.util.function.Predicate<String> isFile;

    ContextHandler(WebAppContext ctx) {
        this.ctx = ctx;
        this.isFile = p -> ctx.resources().isFile(p);
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
        s.context = ctx;
        s.rootContext = ctx;
        s.contextPath = cp;
        s.requestUri = s.head.rawPath();
        s.queryString = s.head.query();
        s.dispatcherType = DispatcherType.REQUEST;
        ctx.sessions().identify(s);
        Request req = Requests.facade(s);
        Response res = Responses.facade(rs);
        ctx.requestStarted();
        s.facade = req;
        s.responseFacade = res;
        Thread thread = Thread.currentThread();
        ClassLoader old = thread.getContextClassLoader();
        thread.setContextClassLoader(ctx.getClassLoader());
        try {
            try {
                requestInitialized(req); // a failing listener is answered like a failing servlet
                // checked before mapping: *.jsp would otherwise serve /WEB-INF/x.jsp (Servlet 6.1 section 10.5)
                Match m = DefaultServlet.isProtected(inContext) ? null
                        : ctx.mapper().map(inContext, ctx.welcomeFiles(), isFile);
                if (m == null) {
                    res.sendError(404);
                } else {
                    s.match = m;
                    s.servletPath = m.servletPath();
                    s.pathInfo = m.pathInfo();
                    if (ctx.security().check(s, req, res, inContext)) {
                        Invoker.invoke(ctx, s, m.holder(), inContext, DispatcherType.REQUEST, req, res);
                    }
                }
            } catch (Throwable t) {
                if (s.async instanceof io.subito.servlet.async.AsyncState a) {
                    a.dispatchFailed(t); // listeners first, then the error page, then complete
                } else {
                    ErrorHandler.exception(ctx, req, res, t);
                }
            }
            if (s.async != null) {
                // async was started in this dispatch: the async state decides when the request ends
                ((io.subito.servlet.async.AsyncState) s.async).dispatchReturned();
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
            ctx.requestEnded();
        }
    }

    private void finishRequest(Request req, Response res) {
        RequestState s = Requests.state(req);
        ErrorHandler.finishPendingError(ctx, req, res);
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
            ServletRequestEvent e = new ServletRequestEvent(ctx, req);
            for (ServletRequestListener l : ls) {
                l.requestInitialized(e);
            }
        }
    }

    private void requestDestroyed(Request req) {
        List<ServletRequestListener> ls = ctx.listeners().request;
        if (!ls.isEmpty()) {
            ServletRequestEvent e = new ServletRequestEvent(ctx, req);
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
