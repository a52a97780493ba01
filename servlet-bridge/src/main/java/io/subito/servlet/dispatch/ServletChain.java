package io.subito.servlet.dispatch;

import io.subito.servlet.registration.ChainMemo;
import io.subito.servlet.registration.FilterHolder;
import io.subito.servlet.registration.FilterMapping;
import io.subito.servlet.registration.ServletHolder;
import io.subito.servlet.request.RequestState;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters for one dispatch, then the servlet. URL-pattern mappings come before
 * servlet-name mappings, each in mapping order (Servlet 6.1 section 6.2.4).
 * A request keeps one chain for reuse ({@link RequestState#chain}), as Tomcat keeps one per
 * request: a dispatch takes it when it is free (a forward or include inside the chain gets a new
 * one) and gives it back when the chain has returned, unless the request went async (a filter
 * may then still hold it).
 */
public final class ServletChain implements FilterChain {
    private FilterHolder[] filters;
    private Servlet servlet;
    private int pos;

    private ServletChain() {
    }

    /**
     * The filters that apply; an empty array when none do. The servlet's last dispatch's array
     * when it was chosen by the same mappings, type and path ({@link ChainMemo}): no allocation
     * per request for a servlet reached by the same path again. Without {@code upgrade} (the
     * request has no {@code Upgrade} header) the {@link io.subito.servlet.registration.UpgradeOnlyFilter}s
     * at the chain's head are left out: they would only pass the request on.
     */
    public static FilterHolder[] filtersFor(List<FilterMapping> mappings, DispatcherType type, String path,
                                            ServletHolder holder, boolean upgrade) {
        if (mappings.isEmpty()) {
            return NONE;
        }
        ChainMemo last = holder.lastChain();
        if (last == null || !last.matches(mappings, type, path)) {
            last = ChainMemo.of(mappings, type, path, match(mappings, type, path, holder));
            holder.lastChain(last);
        }
        return last.filters(upgrade);
    }

    private static FilterHolder[] match(List<FilterMapping> mappings, DispatcherType type, String path,
                                        ServletHolder holder) {
        List<FilterHolder> out = null;
        if (path != null) {
            for (FilterMapping m : mappings) {
                if (m.appliesTo(type) && m.matchesPath(path)) {
                    out = add(out, m.holder());
                }
            }
        }
        for (FilterMapping m : mappings) {
            if (m.appliesTo(type) && m.matchesServlet(holder.getName())) {
                out = add(out, m.holder());
            }
        }
        return out == null ? NONE : out.toArray(NONE);
    }

    private static final FilterHolder[] NONE = new FilterHolder[0];

    private static List<FilterHolder> add(List<FilterHolder> list, FilterHolder h) {
        if (list == null) {
            list = new ArrayList<>(4);
        }
        list.add(h);
        return list;
    }

    public static void run(RequestState s, FilterHolder[] filters, Servlet servlet, ServletRequest req,
                           ServletResponse res) throws IOException, ServletException {
        if (filters.length == 0) {
            servlet.service(req, res);
            return;
        }
        ServletChain c = (ServletChain) s.chain;
        if (c != null) {
            s.chain = null;
        } else {
            c = new ServletChain();
        }
        c.filters = filters;
        c.servlet = servlet;
        c.pos = 0;
        c.doFilter(req, res);
        if (s.async == null) {
            c.filters = null;
            c.servlet = null;
            s.chain = c;
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res) throws IOException, ServletException {
        FilterHolder[] fs = filters;
        if (fs == null) {
            throw new IllegalStateException("this filter chain has completed; it may not be used any more");
        }
        if (pos < fs.length) {
            FilterHolder f = fs[pos++];
            f.filter().doFilter(req, res, this);
        } else if (pos++ == fs.length) {
            servlet.service(req, res);
        }
    }
}
