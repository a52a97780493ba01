package io.subito.servlet.registration;

import io.subito.servlet.lifecycle.AppScope;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletSecurityElement;
import java.util.Set;

/** What a servlet or filter registration needs of its context. */
public interface RegistrationHost extends AppScope {
    /** Creates a component with its no-arg constructor and runs its @PostConstruct methods. */
    <T> T createInstance(Class<T> type) throws ServletException;

    /** The servlet a URL pattern is mapped to now, or null. */
    ServletHolder servletForPattern(String pattern);

    void mapPattern(String pattern, ServletHolder holder);

    /** Applies a servlet's security element; answers the patterns already constrained by the descriptor. */
    Set<String> applyServletSecurity(ServletHolder holder, ServletSecurityElement element);

    /** Called by a holder once its servlet's init() succeeded (servlets are destroyed in reverse). */
    void servletInitialized(ServletHolder holder);

    FilterMappings filterMappings();
}
