package io.subito.servlet.dispatch;

import io.subito.servlet.mapping.Match;
import io.subito.servlet.registration.FilterHolder;
import io.subito.servlet.registration.ServletHolder;
import io.subito.servlet.request.RequestState;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Runs one servlet with its filters, turning unavailability into 404/503 as the spec asks. */
public final class Invoker {
    private Invoker() {
    }

    /**
     * @param path the path within the context used to match URL-pattern filters, or null for a
     *             named dispatch (which only servlet-name filters see)
     */
    public static void invoke(DispatchTarget ctx, RequestState s, ServletHolder holder, String path,
                              DispatcherType type, ServletRequest req, ServletResponse res)
            throws IOException, ServletException {
        Servlet servlet;
        try {
            servlet = holder.servlet();
        } catch (UnavailableException e) {
            unavailable(ctx, holder, e, res);
            return;
        }
        FilterHolder[] filters = ServletChain.filtersFor(ctx.filterMappings().all(), type, path, holder, hasUpgrade(req));
        boolean supported = asyncSupported(holder, filters);
        // a forward/include/error dispatch inherits the limits of the chain it runs inside
        boolean nested = type == DispatcherType.FORWARD || type == DispatcherType.INCLUDE || type == DispatcherType.ERROR;
        s.asyncSupported = nested ? s.asyncSupported && supported : supported;
        try {
            ServletChain.run(s, filters, servlet, req, res);
        } catch (UnavailableException e) {
            holder.markUnavailable(e);
            unavailable(ctx, holder, e, res);
        }
    }

    /** Asked of the request as this dispatch sees it (a wrapper's answer counts). */
    private static boolean hasUpgrade(ServletRequest req) {
        return !(req instanceof HttpServletRequest http) || http.getHeader("Upgrade") != null;
    }

    private static boolean asyncSupported(ServletHolder holder, FilterHolder[] filters) {
        if (!holder.isAsyncSupported()) {
            return false;
        }
        for (FilterHolder f : filters) {
            if (!f.isAsyncSupported()) {
                return false;
            }
        }
        return true;
    }

    private static void unavailable(DispatchTarget ctx, ServletHolder holder, UnavailableException e,
                                    ServletResponse res) throws IOException {
        ctx.log("servlet " + holder.getName() + " is unavailable: " + e.getMessage());
        if (res instanceof HttpServletResponse http && !res.isCommitted()) {
            if (e.isPermanent()) {
                http.sendError(HttpServletResponse.SC_NOT_FOUND);
            } else {
                http.setHeader("Retry-After", Integer.toString(Math.max(1, e.getUnavailableSeconds())));
                http.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            }
        }
    }

    /** The path within the context that a match represents (for filter matching). */
    public static String pathOf(Match m) {
        return m.pathInfo() == null ? m.servletPath() : m.servletPath() + m.pathInfo();
    }
}
