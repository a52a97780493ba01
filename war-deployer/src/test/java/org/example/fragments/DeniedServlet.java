package org.example.fragments;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Denied to everyone by its annotations, which a metadata-complete web.xml makes void. */
@ServletSecurity(@HttpConstraint(ServletSecurity.EmptyRoleSemantic.DENY))
@WebServlet("/denied-by-annotation")
public class DeniedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.getWriter().print("open");
    }
}
