package io.subito.servlet.registration;


import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;

/** A filter registration; the filter is created and initialised when the context starts. */
public final class FilterHolder extends Holder implements FilterRegistration.Dynamic, FilterConfig {
    private volatile Filter filter;
    private Class<? extends Filter> filterClass;
    private volatile boolean initialized;

    public FilterHolder(RegistrationHost context, String name, Filter instance, Class<? extends Filter> type,
                        String className) {
        super(context, name, className != null ? className : instance != null ? instance.getClass().getName()
                : type.getName());
        this.filter = instance;
        this.filterClass = type;
    }

    @Override
    public void addMappingForServletNames(EnumSet<DispatcherType> types, boolean isMatchAfter, String... names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("no servlet names");
        }
        context.checkNotStarted();
        context.filterMappings().add(new FilterMapping(this, types, null, names), isMatchAfter);
    }

    @Override
    public Collection<String> getServletNameMappings() {
        List<String> out = new ArrayList<>();
        for (FilterMapping m : context.filterMappings().all()) {
            if (m.holder() == this) {
                out.addAll(m.servletNames());
            }
        }
        return out;
    }

    @Override
    public void addMappingForUrlPatterns(EnumSet<DispatcherType> types, boolean isMatchAfter, String... patterns) {
        if (patterns == null || patterns.length == 0) {
            throw new IllegalArgumentException("no URL patterns");
        }
        context.checkNotStarted();
        context.filterMappings().add(new FilterMapping(this, types, patterns, null), isMatchAfter);
    }

    @Override
    public Collection<String> getUrlPatternMappings() {
        List<String> out = new ArrayList<>();
        for (FilterMapping m : context.filterMappings().all()) {
            if (m.holder() == this) {
                out.addAll(m.urlPatterns());
            }
        }
        return out;
    }

    @Override
    public String getFilterName() {
        return name;
    }

    @Override
    public ServletContext getServletContext() {
        return context.servletContext();
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return initParameterNames();
    }

    @SuppressWarnings("unchecked")
    public synchronized void initialize() throws ServletException {
        if (initialized) {
            return;
        }
        Filter f = filter;
        if (f == null) {
            if (filterClass == null) {
                try {
                    filterClass = (Class<? extends Filter>) Class.forName(className, true, context.classLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new ServletException("filter class " + className + " not found", e);
                }
            }
            f = context.createInstance(filterClass);
        }
        f.init(this);
        filter = f;
        initialized = true;
    }

    public Filter filter() {
        return filter;
    }

    /** Whether this filter may be left out of a request without {@code Upgrade}: {@link UpgradeOnlyFilter}. */
    public boolean isUpgradeOnly() {
        return filter instanceof UpgradeOnlyFilter && isAsyncSupported();
    }

    public synchronized void destroy() {
        if (initialized) {
            initialized = false;
            Filter f = filter;
            destroyQuietly(f, f::destroy, "filter");
        }
    }
}
