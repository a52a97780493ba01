package org.example.scaleout;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * At /count (behind a FORM login): counts the POSTs of its session, and says who is logged in
 * and which instance (by its port) answered. At /port (open): only the port, no session.
 * Counting is a POST because it is not idempotent: a load balancer may send an idempotent GET
 * that an instance dropped unanswered to another instance (HAProxy does, on a reused
 * connection), and it would be counted twice.
 */
public class CounterServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType("text/plain");
        res.getWriter().print(req.getLocalPort());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType("text/plain");
        HttpSession s = req.getSession();
        Integer n = (Integer) s.getAttribute("n");
        n = n == null ? 1 : n + 1;
        s.setAttribute("n", n);
        res.getWriter().print("n=" + n + " user=" + req.getRemoteUser() + " port=" + req.getLocalPort());
    }
}
