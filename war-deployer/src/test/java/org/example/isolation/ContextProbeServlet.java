package org.example.isolation;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /context?path=/x}: the context path of what getContext gives for {@code path}, or
 * "null". {@code /context?path=/x&include=/y}: includes {@code /y} of that context, or says why not.
 */
@WebServlet("/context")
public class ContextProbeServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        ServletContext other = getServletContext().getContext(req.getParameter("path"));
        resp.setContentType("text/plain");
        String include = req.getParameter("include");
        if (include == null || other == null) {
            resp.getWriter().print(other == null ? "null" : "ctx=" + other.getContextPath());
            return;
        }
        try {
            other.getRequestDispatcher(include).include(req, resp);
        } catch (ServletException e) {
            resp.getWriter().print("refused: " + e.getMessage());
        }
    }
}
