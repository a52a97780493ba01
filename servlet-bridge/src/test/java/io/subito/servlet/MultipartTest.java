package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** multipart/form-data through getParts() and parameters. */
class MultipartTest {
    static Subito server;
    static int port;

    static final String BODY = "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"field\"\r\n\r\n"
            + "value one\r\n"
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + "file content\r\nline two\r\n"
            + "--XyZ--\r\n";

    @jakarta.servlet.annotation.MultipartConfig
    public static class Annotated extends jakarta.servlet.http.HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res)
                throws java.io.IOException, jakarta.servlet.ServletException {
            res.getWriter().print(req.getParts().size() + " " + req.getParameter("field"));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/m", ctx -> {
            var up = ctx.addServlet("upload", Servlets.of((req, res) -> {
                List<String> out = new ArrayList<>();
                for (Part p : req.getParts()) {
                    out.add(p.getName() + ":" + p.getSubmittedFileName() + ":" + p.getContentType() + ":" + p.getSize()
                            + ":" + new String(p.getInputStream().readAllBytes()));
                }
                res.getWriter().print(out + " param=" + req.getParameter("field"));
            }));
            up.setMultipartConfig(new MultipartConfigElement(null, 1000, 5000, 4));
            up.addMapping("/upload");
            ctx.addServlet("annotated", new Annotated()).addMapping("/annotated");
            ctx.addServlet("noconfig", Servlets.of((req, res) -> {
                try {
                    req.getParts();
                } catch (IllegalStateException e) {
                    res.getWriter().print("ISE");
                }
            })).addMapping("/noconfig");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void partsAndFieldParameters() throws Exception {
        Http.Reply r = Http.post(port, "/m/upload", BODY, "Content-Type: multipart/form-data; boundary=XyZ");
        assertEquals("[field:null:null:9:value one, file:a.txt:text/plain:22:file content\r\nline two] param=value one",
                r.body());
    }

    @Test
    void multipartConfigAnnotationIsHonoured() throws Exception {
        assertEquals("2 value one", Http.post(port, "/m/annotated", BODY,
                "Content-Type: multipart/form-data; boundary=XyZ").body());
    }

    @Test
    void withoutMultipartConfigGetPartsIsIllegal() throws Exception {
        assertEquals("ISE", Http.post(port, "/m/noconfig", BODY, "Content-Type: multipart/form-data; boundary=XyZ").body());
    }

    @Test
    void tooLargeFileIsRefused() throws Exception {
        String big = BODY.replace("file content", "x".repeat(2000));
        assertEquals(500, Http.post(port, "/m/upload", big, "Content-Type: multipart/form-data; boundary=XyZ").status());
    }
}
