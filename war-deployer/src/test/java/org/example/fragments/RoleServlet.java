package org.example.fragments;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers isUserInRole for the role names its code uses: "boss" and "staff". */
public class RoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.getWriter().print("boss=" + req.isUserInRole("boss") + " staff=" + req.isUserInRole("staff"));
    }
}
