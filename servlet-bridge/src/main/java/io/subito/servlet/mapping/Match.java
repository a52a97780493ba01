package io.subito.servlet.mapping;

import io.subito.servlet.registration.ServletHolder;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.MappingMatch;

/**
 * The result of mapping a path: the servlet, servlet path, path info and the
 * {@link HttpServletMapping} view. Immutable, so exact matches are computed once and shared.
 */
public record Match(ServletHolder holder, String servletPath, String pathInfo, MappingMatch mappingMatch,
                    String pattern, String matchValue) implements HttpServletMapping {

    @Override
    public String getMatchValue() {
        return matchValue;
    }

    @Override
    public String getPattern() {
        return pattern;
    }

    @Override
    public String getServletName() {
        return holder.getName();
    }

    @Override
    public MappingMatch getMappingMatch() {
        return mappingMatch;
    }

    @Override
    public String toString() {
        return "Match[" + holder.getName() + ", servletPath=" + servletPath + ", pathInfo=" + pathInfo + ", "
                + mappingMatch + " '" + pattern + "']";
    }
}
