package io.subito.spring.boot;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code server.server-header}: the {@code Server} field on every response of the application,
 * set before the application runs (so that it may still change it) and again on the way to an
 * error page, which may come after a reset.
 */
final class ServerHeaderFilter implements Filter {
    static final String NAME = "subitoServerHeader";

    private final String value;

    ServerHeaderFilter(String value) {
        this.value = value;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            http.setHeader("Server", value);
        }
        chain.doFilter(request, response);
    }
}
