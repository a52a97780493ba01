package example.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;

/** The demo's one servlet, declared by annotation only: who is serving, and what it was asked. */
@WebServlet("/hello")
public class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("name");
        resp.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        out.println("Hello, " + (name == null || name.isBlank() ? "world" : name) + "!");
        out.println("served by " + getServletContext().getServerInfo() + " at " + Instant.now());
        out.println("request: " + req.getMethod() + " " + req.getRequestURI()
                + (req.getQueryString() == null ? "" : "?" + req.getQueryString()));
        out.println("servlet API " + getServletContext().getMajorVersion() + "." + getServletContext().getMinorVersion());
    }
}
