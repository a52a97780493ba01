import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** What an upload endpoint does first (a framework's multipart resolver too): getParts(). */
public class UploadServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException, jakarta.servlet.ServletException {
        res.getWriter().print("parts=" + req.getParts().size());
    }
}
