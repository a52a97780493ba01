package io.subito.servlet.dispatch;

import io.subito.servlet.mapping.Match;
import io.subito.servlet.registration.FilterMappings;
import io.subito.servlet.request.RequestContext;
import io.subito.servlet.security.SecurityHandler;
import jakarta.servlet.ServletContext;

/** What dispatches, filter chains and error pages need of the context they run in. */
public interface DispatchTarget extends RequestContext {
    /** The servlet a canonical context-relative path maps to (welcome files included), or null. */
    Match map(String canonicalPath);

    FilterMappings filterMappings();

    ErrorPages errorPages();

    SecurityHandler security();

    /** Whether the container's error pages show the exception, and to whom. */
    ErrorDetails errorDetails();

    /**
     * The context behind a ServletContext this host gave an application (for
     * {@code AsyncContext.dispatch(ServletContext, String)}), or null for any other object.
     */
    DispatchTarget contextOf(ServletContext context);
}
