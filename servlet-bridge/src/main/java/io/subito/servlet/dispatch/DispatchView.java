package io.subito.servlet.dispatch;

import io.subito.servlet.mapping.Match;
import io.subito.servlet.request.RequestState;
import jakarta.servlet.DispatcherType;

/** A saved copy of the request's path view, restored when a dispatch returns. */
record DispatchView(io.subito.servlet.request.RequestContext context, DispatcherType type, Match match, String contextPath, String requestUri,
                    String queryString, String servletPath, String pathInfo, boolean asyncSupported,
                    boolean methodIsGet) {

    static DispatchView save(RequestState s) {
        return new DispatchView(s.context, s.dispatcherType, s.match, s.contextPath, s.requestUri, s.queryString,
                s.servletPath, s.pathInfo, s.asyncSupported, s.methodIsGet);
    }

    void restore(RequestState s) {
        s.context = context;
        s.dispatcherType = type;
        s.match = match;
        s.contextPath = contextPath;
        s.requestUri = requestUri;
        s.queryString = queryString;
        s.servletPath = servletPath;
        s.pathInfo = pathInfo;
        s.asyncSupported = asyncSupported;
        s.methodIsGet = methodIsGet;
    }
}
