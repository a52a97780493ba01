package org.example.webapp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;

/**
 * Counts a session's requests in an object of the app's own class, changed in place (so a
 * store must load it through the app's class loader and notice the change). {@code ?v=} names
 * the version for redeploy tests; {@code /count/peek} reads without changing.
 */
@WebServlet("/count/*")
public class CounterServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The app's own Serializable class. */
    public static final class Tally implements Serializable {
        private static final long serialVersionUID = 1L;
        int n;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession s = req.getSession();
        Tally t = (Tally) s.getAttribute("tally");
        if (t == null) {
            t = new Tally();
            s.setAttribute("tally", t);
        }
        if (!"/peek".equals(req.getPathInfo())) {
            t.n++;
        }
        resp.setContentType("text/plain");
        resp.getWriter().print(t.n + " " + getServletContext().getInitParameter("version"));
    }
}
