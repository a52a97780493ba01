package org.example.webapp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Throws, with markup in its message (the error page must escape it); /throw/missing answers 404. */
@WebServlet("/throw/*")
public class ThrowingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
        if ("/missing".equals(req.getPathInfo())) {
            resp.sendError(404);
            return;
        }
        if ("/session".equals(req.getPathInfo())) {
            req.getSession().setMaxInactiveInterval(1);
            resp.getWriter().print("session");
            return;
        }
        throw new IllegalStateException("broken <script>alert(1)</script> & co", new java.io.IOException("root cause"));
    }
}
