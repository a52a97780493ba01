package io.subito.servlet.dispatch;

import io.subito.servlet.registration.ChainMemo;
import io.subito.servlet.registration.FilterHolder;
import io.subito.servlet.registration.FilterMapping;
import io.subito.servlet.registration.ServletHolder;
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
 */
public final class ServletChain implements FilterChain {
    private final FilterHolder[] filters;
    private final Servlet servlet;
    private int pos;

    private ServletChain(FilterHolder[] filters, Servlet servlet) {
        this.filters = filters;
        this.servlet = servlet;
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

    public static void run(FilterHolder[] filters, Servlet servlet, ServletRequest req, ServletResponse res)
            throws IOException, ServletException {
        if (filters.length == 0) {
            servlet.service(req, res);
        } else {
            new ServletChain(filters, servlet).doFilter(req, res);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res) throws IOException, ServletException {
        if (pos < filters.length) {
            FilterHolder f = filters[pos++];
            f.filter().doFilter(req, res, this);
        } else if (pos++ == filters.length) {
            servlet.service(req, res);
        }
    }
}
