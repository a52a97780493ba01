package org.example.fragments;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.TreeMap;

/**
 * Answers with what the merged descriptors made of it: its init-params (sorted), the filters
 * that ran before it, the listeners that ran at start, the context-param "x", and whether an
 * initializer marked the context. With {@code ?tempdir}, writes into TEMPDIR and answers its path.
 */
public class ReportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        TreeMap<String, String> params = new TreeMap<>();
        for (String n : Collections.list(getInitParameterNames())) {
            params.put(n, getInitParameter(n));
        }
        var ctx = getServletContext();
        resp.setContentType("text/plain");
        if (req.getParameter("tempdir") != null) {
            // as a JSP compiler would: write into the context's scratch directory
            File dir = (File) ctx.getAttribute(ServletContext.TEMPDIR);
            Files.writeString(dir.toPath().resolve("scratch.txt"), "x");
            resp.getWriter().print(dir);
            return;
        }
        resp.getWriter().print("params=" + params + " filters=" + req.getAttribute("filters")
                + " listeners=" + ctx.getAttribute("listeners") + " x=" + ctx.getInitParameter("x")
                + " sci=" + ctx.getAttribute(MarkingInitializer.ATTRIBUTE));
    }
}
