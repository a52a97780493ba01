package io.subito.servlet.registration;

import io.subito.servlet.registration.PatternMatcher;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;

/** One filter-mapping element: URL patterns or servlet names, for a set of dispatcher types. */
public final class FilterMapping {
    private final FilterHolder holder;
    private final EnumSet<DispatcherType> types;
    private final List<String> urlPatterns;
    private final List<String> servletNames;

    public FilterMapping(FilterHolder holder, EnumSet<DispatcherType> types, String[] urlPatterns,
                         String[] servletNames) {
        this.holder = holder;
        this.types = types == null || types.isEmpty() ? EnumSet.of(DispatcherType.REQUEST) : EnumSet.copyOf(types);
        this.urlPatterns = urlPatterns == null ? List.of() : List.of(PatternMatcher.lenient(urlPatterns));
        this.servletNames = servletNames == null ? List.of() : List.of(servletNames);
        for (String p : this.urlPatterns) {
            if (!PatternMatcher.isValid(p)) {
                throw new IllegalArgumentException("invalid URL pattern '" + p + "'");
            }
        }
    }

    public FilterHolder holder() {
        return holder;
    }

    public List<String> urlPatterns() {
        return urlPatterns;
    }

    public List<String> servletNames() {
        return servletNames;
    }

    public boolean appliesTo(DispatcherType type) {
        return types.contains(type);
    }

    public boolean matchesPath(String pathInContext) {
        for (String p : urlPatterns) {
            if (PatternMatcher.matches(p, pathInContext)) {
                return true;
            }
        }
        return false;
    }

    public boolean matchesServlet(String servletName) {
        for (String n : servletNames) {
            if (n.equals("*") || n.equals(servletName)) {
                return true;
            }
        }
        return false;
    }
}
