package io.subito.deploy.descriptor;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;

/**
 * A {@code <filter-mapping>}: URL patterns and/or servlet names, for the given dispatcher types
 * (REQUEST alone when none is declared, as the specification says).
 */
public record FilterMapping(String filterName, List<String> urlPatterns, List<String> servletNames,
        EnumSet<DispatcherType> dispatchers) {
}
