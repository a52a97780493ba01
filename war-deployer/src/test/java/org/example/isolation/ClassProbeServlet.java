package org.example.isolation;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Tries to load the class named by {@code ?class=} the ways an application can (Class.forName
 * from its own code, and through the thread context class loader), and to read its class file;
 * answers what each gave.
 */
@WebServlet("/probe")
public class ClassProbeServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("class");
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        String file = name.replace('.', '/') + ".class";
        resp.setContentType("text/plain");
        resp.getWriter().print("forName=" + forName(name, getClass().getClassLoader())
                + " tccl=" + forName(name, tccl)
                + " resource=" + (tccl.getResource(file) != null ? "found" : "none"));
    }

    private static String forName(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return "loaded";
        } catch (ClassNotFoundException e) {
            return "ClassNotFoundException";
        }
    }
}
