package io.subito.servlet;

import io.subito.servlet.mapping.ServletMapper;
import io.subito.servlet.registration.FilterHolder;
import io.subito.servlet.registration.FilterMappings;
import io.subito.servlet.registration.RegistrationHost;
import io.subito.servlet.registration.ServletHolder;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A context's servlets and filters, their URL mapping, and the rules for adding them, written
 * once for every way a servlet arrives ({@code addServlet}, {@code addJspFile}, the container's own).
 */
final class Registrations {
    private final RegistrationHost host;
    private final Map<String, ServletHolder> servlets = new LinkedHashMap<>();
    private final Map<String, FilterHolder> filters = new LinkedHashMap<>();
    private final FilterMappings filterMappings = new FilterMappings();
    private final ServletMapper mapper = new ServletMapper();
    /** Servlets in the order they were initialised; destroyed in reverse. */
    private final List<ServletHolder> initOrder = new CopyOnWriteArrayList<>();

    Registrations(RegistrationHost host) {
        this.host = host;
    }

    ServletMapper mapper() {
        return mapper;
    }

    FilterMappings filterMappings() {
        return filterMappings;
    }

    Map<String, ServletHolder> servlets() {
        return servlets;
    }

    Map<String, FilterHolder> filters() {
        return filters;
    }

    /** The container's default servlet on "/", which any application mapping of "/" replaces. */
    void addDefault(Servlet servlet) {
        ServletHolder def = new ServletHolder(host, "default", servlet, null, null, true);
        servlets.put("default", def);
        mapper.add("/", def);
    }

    /** addServlet with one of instance, class or class name (the others null); null if the name is taken. */
    synchronized ServletHolder addServlet(String name, Servlet s, Class<? extends Servlet> type, String className) {
        checkName(name, "servlet");
        return register(new ServletHolder(host, name, s, type, className, false));
    }

    /**
     * A servlet serving one JSP page (Servlet 6.1 {@code addJspFile}), made of the JSP engine's
     * servlet as Tomcat does: its class and settings, and the page as {@code jspFile}.
     */
    synchronized ServletHolder addJspFile(String name, String jspFile) {
        checkName(name, "servlet");
        ServletHolder jsp = servlets.get("jsp");
        if (jsp == null) {
            throw new UnsupportedOperationException("no JSP engine is installed in this context");
        }
        ServletHolder h = new ServletHolder(host, name, null, null, jsp.getClassName(), false);
        h.setJspFile(jspFile);
        h.setInitParameters(jsp.getInitParameters());
        h.setInitParameter("jspFile", jspFile.startsWith("/") ? jspFile : "/" + jspFile);
        return register(h);
    }

    /**
     * Adds a servlet the container provides to every app (the JSP engine's {@code jsp} servlet):
     * an app servlet of the same name replaces it, and app mappings of its patterns win.
     */
    synchronized ServletHolder addContainerServlet(String name, String className) {
        host.checkNotStarted();
        ServletHolder h = new ServletHolder(host, name, null, null, className, true);
        servlets.put(name, h);
        return h;
    }

    /**
     * The one rule for a new application servlet: a complete registration of the same name
     * stays and the answer is null (Servlet 6.1 javadoc of addServlet and addJspFile); a
     * container servlet of that name is replaced, and its URL patterns go to the replacement,
     * as a servlet in an app's web.xml overrides the same-named one of Tomcat's global web.xml.
     */
    private ServletHolder register(ServletHolder h) {
        ServletHolder existing = servlets.get(h.getName());
        if (existing != null && !existing.isContainerOwned()) {
            return null;
        }
        servlets.put(h.getName(), h);
        if (existing != null) {
            for (String pattern : existing.getMappings()) {
                if (mapper.holderFor(pattern) == existing) {
                    h.addMapping(pattern);
                }
            }
        }
        return h;
    }

    synchronized FilterHolder addFilter(String name, Filter f, Class<? extends Filter> type, String className) {
        checkName(name, "filter");
        if (filters.containsKey(name)) {
            return null;
        }
        FilterHolder h = new FilterHolder(host, name, f, type, className);
        filters.put(name, h);
        return h;
    }

    /** The argument, or IllegalArgumentException naming it when it is null. */
    static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        return value;
    }

    private void checkName(String name, String kind) {
        host.checkNotStarted();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(kind + " name is null or empty");
        }
    }

    Map<String, ServletHolder> servletsCopy() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(servlets));
    }

    Map<String, FilterHolder> filtersCopy() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    // ---- life ----

    /** Applies @MultipartConfig and @ServletSecurity of every servlet class (unless metadata-complete). */
    void applyAnnotations() {
        for (ServletHolder s : new ArrayList<>(servlets.values())) {
            s.applyAnnotations();
        }
    }

    /** Filters, then load-on-startup servlets by their order (ties keep declaration order). */
    void initialize() throws ServletException {
        for (FilterHolder f : filters.values()) {
            f.initialize();
        }
        List<ServletHolder> list = new ArrayList<>();
        for (ServletHolder h : servlets.values()) {
            if (h.loadOnStartup() >= 0) {
                list.add(h);
            }
        }
        list.sort((a, b) -> Integer.compare(a.loadOnStartup(), b.loadOnStartup())); // stable
        for (ServletHolder s : list) {
            s.servlet();
        }
    }

    void servletInitialized(ServletHolder h) {
        initOrder.add(h);
    }

    /** Servlets in reverse order of initialisation, then filters. */
    void destroy() {
        List<ServletHolder> order = new ArrayList<>(initOrder);
        Collections.reverse(order);
        for (ServletHolder h : order) {
            h.destroy();
        }
        initOrder.clear();
        for (FilterHolder f : filters.values()) {
            f.destroy();
        }
    }
}
