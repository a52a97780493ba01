package example.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.Subito;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class EmbeddedHelloTest {
    static class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setContentType("text/plain");
            res.getWriter().print("Hello, " + req.getParameter("name"));
        }
    }

    @Test
    void servesAServletOnAFreePort() throws Exception {
        try (Subito server = Subito.builder()
                .port(0) // any free port; the default binds 127.0.0.1
                .context("/app", ctx -> ctx.addServlet("hello", new Hello()).addMapping("/hello"))
                .start()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/app/hello?name=Ada");
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("Hello, Ada", r.body());
        }
    }
}
