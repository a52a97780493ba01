package org.example.fragments;

import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/** Appends its init-param "mark" to the request attribute "filters": the chain order, readable. */
public class TrailFilter extends GenericFilter {
    private static final long serialVersionUID = 1L;

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        Object before = req.getAttribute("filters");
        String mark = getInitParameter("mark");
        req.setAttribute("filters", before == null ? mark : before + "," + mark);
        chain.doFilter(req, resp);
    }
}
