import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET /stats?reset starts a measurement; GET /stats reports its heap (see {@link Probe}). */
public class StatsServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (req.getParameter("reset") != null) {
            Probe.reset();
            res.getWriter().print("reset");
        } else {
            res.getWriter().print(Probe.report());
        }
    }
}
