package io.subito.servlet.dispatch;

import io.subito.servlet.mapping.Match;
import io.subito.servlet.registration.ServletHolder;
import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.request.Requests;
import io.subito.servlet.response.Response;
import io.subito.servlet.response.ResponseState;
import io.subito.servlet.response.Responses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * A {@link RequestDispatcher} for a path (with optional query) or a servlet name. It changes
 * the container request's path view in place and restores it afterwards, so any wrappers the
 * application put around the request see the dispatch too.
 */
public final class Dispatcher implements RequestDispatcher {
    private static final String[] FORWARD_KEYS = {FORWARD_REQUEST_URI, FORWARD_CONTEXT_PATH, FORWARD_SERVLET_PATH,
        FORWARD_PATH_INFO, FORWARD_QUERY_STRING, FORWARD_MAPPING};
    private static final String[] INCLUDE_KEYS = {INCLUDE_REQUEST_URI, INCLUDE_CONTEXT_PATH, INCLUDE_SERVLET_PATH,
        INCLUDE_PATH_INFO, INCLUDE_QUERY_STRING, INCLUDE_MAPPING};

    private final DispatchTarget context;
    private final ServletHolder named;
    private final String path;
    /** The path decoded and normalised for mapping; null for a named dispatch or a path leading out of the context. */
    private final String canonical;
    private final String query;

    private Dispatcher(DispatchTarget context, ServletHolder named, String path, String query) {
        this.context = context;
        this.named = named;
        this.path = path;
        this.canonical = path == null ? null : DispatchPaths.canonical(path);
        this.query = query;
    }

    /** A dispatcher for "/path?query" within the context; the path is not yet decoded. */
    public static Dispatcher forPath(DispatchTarget ctx, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String p = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        return new Dispatcher(ctx, null, p, query);
    }

    /**
     * What {@code getRequestDispatcher} returns: as {@link #forPath}, but null for a path whose
     * dot segments (plain or encoded) lead out of the context, as Tomcat, rather than a
     * dispatcher that can only fail when it is used.
     */
    public static Dispatcher withinContext(DispatchTarget ctx, String pathAndQuery) {
        Dispatcher d = forPath(ctx, pathAndQuery);
        return d.canonical == null ? null : d;
    }

    public static Dispatcher forName(DispatchTarget ctx, ServletHolder holder) {
        return new Dispatcher(ctx, holder, null, null);
    }

    private Match target() {
        if (canonical == null) {
            return null;
        }
        return context.map(canonical);
    }

    @Override
    public void forward(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        RequestState s = core(request);
        ResponseState rs = coreResponse(response);
        if (response.isCommitted()) {
            throw new IllegalStateException("cannot forward: the response is already committed");
        }
        if (refusedAs403("forward", s, response)) {
            return;
        }
        response.resetBuffer();
        DispatchView saved = DispatchView.save(s);
        Object[] savedAttrs = null;
        try {
            if (named != null) {
                s.dispatcherType = DispatcherType.FORWARD;
                s.context = context;
                Invoker.invoke(context, s, named, null, DispatcherType.FORWARD, request, response);
            } else {
                Match m = target();
                if (m == null) {
                    throw new ServletException("no servlet for " + path);
                }
                if (s.attributes.get(FORWARD_REQUEST_URI) == null) {
                    savedAttrs = saveAttributes(s, FORWARD_KEYS);
                    setPathAttributes(s, FORWARD_KEYS, s.requestUri, s.contextPath, s.servletPath, s.pathInfo,
                            s.queryString, s.match);
                }
                s.params.push(query, charsetOf(request), context.requestLimits().maxParameterCount());
                try {
                    viewOf(s, m, DispatcherType.FORWARD);
                    Invoker.invoke(context, s, m.holder(), Invoker.pathOf(m), DispatcherType.FORWARD, request, response);
                } finally {
                    s.params.pop();
                }
            }
        } finally {
            saved.restore(s);
            if (savedAttrs != null) {
                restoreAttributes(s, FORWARD_KEYS, savedAttrs);
            }
        }
        if (!(s.async != null && s.async.isActive())) {
            closeAfterForward(rs); // an async request keeps its response open for later dispatches
        }
    }

    /** What the dispatch reaches, for messages. */
    private String target(RequestState s) {
        return path != null ? path : " (servlet " + named.getName() + ")";
    }

    /**
     * A forward or async dispatch from another application that the target's constraints refuse
     * is answered 403, as the target would answer a client it cannot let in; the target does not run.
     */
    private boolean refusedAs403(String kind, RequestState s, ServletResponse response) throws IOException {
        String refused = CrossContextGuard.refusal(context, s, canonical, named);
        if (refused == null) {
            return false;
        }
        context.log(CrossContextGuard.describe(kind, context, target(s), s, refused));
        coreFacade(response).sendError(403);
        return true;
    }

    /** Sets the view to a path dispatch's target: context, URI, paths, mapping. */
    private void viewOf(RequestState s, Match m, DispatcherType type) {
        s.dispatcherType = type;
        s.context = context;
        s.contextPath = context.contextPath();
        s.requestUri = context.contextPath() + path;
        if (query != null) {
            s.queryString = query;
        }
        s.match = m;
        s.servletPath = m.servletPath();
        s.pathInfo = m.pathInfo();
    }

    /**
     * Used by error pages: an ERROR dispatch is a forward with its own type and attributes, and
     * is a GET whatever the request's method (Servlet 6.1 section 10.9.2).
     */
    public void error(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        RequestState s = core(request);
        DispatchView saved = DispatchView.save(s);
        Match m = target();
        if (m == null) {
            throw new ServletException("no servlet for error page " + path);
        }
        s.params.push(query, charsetOf(request), context.requestLimits().maxParameterCount());
        try {
            viewOf(s, m, DispatcherType.ERROR);
            s.methodIsGet = true;
            Invoker.invoke(context, s, m.holder(), Invoker.pathOf(m), DispatcherType.ERROR, request, response);
        } finally {
            s.params.pop();
            saved.restore(s);
        }
    }

    /** Used by AsyncContext.dispatch: an ASYNC dispatch to this path. */
    public void async(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        RequestState s = core(request);
        if (refusedAs403("async dispatch", s, response)) {
            return;
        }
        Match m = target();
        if (m == null) {
            throw new ServletException("no servlet for " + path);
        }
        s.params.push(query, charsetOf(request), context.requestLimits().maxParameterCount());
        viewOf(s, m, DispatcherType.ASYNC);
        Invoker.invoke(context, s, m.holder(), Invoker.pathOf(m), DispatcherType.ASYNC, request, response);
    }

    @Override
    public void include(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        RequestState s = core(request);
        ResponseState rs = coreResponse(response);
        String refused = CrossContextGuard.refusal(context, s, canonical, named);
        if (refused != null) {
            // an include cannot set the status; the including application gets the reason
            String message = CrossContextGuard.describe("include", context, target(s), s, refused);
            context.log(message);
            throw new ServletException(message);
        }
        DispatchView saved = DispatchView.save(s);
        Object[] savedAttrs = saveAttributes(s, INCLUDE_KEYS);
        rs.includeDepth++;
        try {
            s.dispatcherType = DispatcherType.INCLUDE;
            s.context = context;
            if (named != null) {
                clearAttributes(s, INCLUDE_KEYS);
                Invoker.invoke(context, s, named, null, DispatcherType.INCLUDE, request, response);
            } else {
                Match m = target();
                if (m == null) {
                    throw new ServletException("no servlet for " + path);
                }
                setPathAttributes(s, INCLUDE_KEYS, context.contextPath() + path, context.contextPath(),
                        m.servletPath(), m.pathInfo(), query, m);
                s.params.push(query, charsetOf(request), context.requestLimits().maxParameterCount());
                try {
                    Invoker.invoke(context, s, m.holder(), Invoker.pathOf(m), DispatcherType.INCLUDE, request, response);
                } finally {
                    s.params.pop();
                }
            }
        } finally {
            rs.includeDepth--;
            saved.restore(s);
            restoreAttributes(s, INCLUDE_KEYS, savedAttrs);
        }
    }

    private static void closeAfterForward(ResponseState rs) throws IOException {
        if (rs.errorPending) {
            return; // the error page is still to be written when the request ends
        }
        rs.output.close(); // the writer holds nothing back, closing the stream ends both
    }

    private static java.nio.charset.Charset charsetOf(ServletRequest r) {
        return java.nio.charset.StandardCharsets.UTF_8;
    }

    private static void setPathAttributes(RequestState s, String[] keys, String uri, String ctx, String servletPath,
                                          String pathInfo, String query, Match mapping) {
        Object[] values = {uri, ctx, servletPath, pathInfo, query, mapping};
        for (int i = 0; i < keys.length; i++) {
            if (values[i] == null) {
                s.attributes.remove(keys[i]);
            } else {
                s.attributes.put(keys[i], values[i]);
            }
        }
    }

    private static Object[] saveAttributes(RequestState s, String[] keys) {
        Object[] out = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = s.attributes.get(keys[i]);
        }
        return out;
    }

    private static void clearAttributes(RequestState s, String[] keys) {
        for (String k : keys) {
            s.attributes.remove(k);
        }
    }

    private static void restoreAttributes(RequestState s, String[] keys, Object[] values) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] == null) {
                s.attributes.remove(keys[i]);
            } else {
                s.attributes.put(keys[i], values[i]);
            }
        }
    }

    static RequestState core(ServletRequest request) {
        Request r = Requests.unwrap(request);
        if (r == null) {
            throw new IllegalArgumentException("the request does not wrap the container's request");
        }
        return Requests.state(r);
    }

    private static Response coreFacade(ServletResponse response) {
        Response r = Responses.unwrap(response);
        if (r == null) {
            throw new IllegalArgumentException("the response does not wrap the container's response");
        }
        return r;
    }

    static ResponseState coreResponse(ServletResponse response) {
        Response r = Responses.unwrap(response);
        if (r == null) {
            throw new IllegalArgumentException("the response does not wrap the container's response");
        }
        return Responses.state(r);
    }

    public String path() {
        return path;
    }
}
