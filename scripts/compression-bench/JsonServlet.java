import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * GET /json: a 10 KiB JSON array (records of a plausible API answer), as application/json, no
 * Content-Length (as a JSON library streams it). {@code ?buffer=N} calls setBufferSize(N) first,
 * so a server that can give the compressed body an exact length when it fits may do so.
 */
public final class JsonServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final byte[] BODY = body(10 * 1024);

    static byte[] body(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; sb.length() < n - 1; i++) {
            sb.append("{\"id\":").append(1000 + i).append(",\"name\":\"customer ").append(i * 7919 % 1000)
                    .append("\",\"email\":\"c").append(i * 31 % 997).append("@example.com\",\"active\":")
                    .append(i % 3 == 0).append(",\"balance\":").append(i * 12.5).append("},");
        }
        sb.setLength(n - 1);
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String buffer = req.getParameter("buffer");
        if (buffer != null) {
            res.setBufferSize(Integer.parseInt(buffer));
        }
        res.setContentType("application/json");
        res.getOutputStream().write(BODY);
    }
}
