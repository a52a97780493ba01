package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            var large = ctx.addServlet("large", Servlets.of((req, res) -> {
                Part file = req.getPart("file");
                java.security.MessageDigest md;
                try {
                    md = java.security.MessageDigest.getInstance("SHA-256");
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                try (java.io.InputStream in = file.getInputStream()) {
                    byte[] b = new byte[65536];
                    int n;
                    while ((n = in.read(b)) > 0) {
                        md.update(b, 0, n);
                    }
                }
                java.io.File tmp = (java.io.File) req.getServletContext().getAttribute(jakarta.servlet.ServletContext.TEMPDIR);
                spoolDir = tmp.toPath();
                res.getWriter().print(file.getSize() + " " + java.util.HexFormat.of().formatHex(md.digest()) + " "
                        + filesIn(spoolDir));
            }));
            large.setMultipartConfig(new MultipartConfigElement(null, -1, -1, 1024));
            large.addMapping("/large");
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

    static volatile java.nio.file.Path spoolDir;

    static long filesIn(java.nio.file.Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    /**
     * A 24 MiB upload over a 1 KiB threshold streams to a temp file (present while the servlet
     * runs) that is gone once the request is over.
     */
    @Test
    void aLargeFileStreamsToDiskAndItsTempFileGoesWithTheRequest() throws Exception {
        int size = 24 * 1024 * 1024;
        byte[] content = new byte[size];
        new java.util.Random(7).nextBytes(content);
        String head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--XyZ--\r\n";
        byte[] headBytes = head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] tailBytes = tail.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            java.io.OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 65536);
            out.write(("POST /m/large HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: "
                    + (headBytes.length + size + tailBytes.length) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(headBytes);
            out.write(content);
            out.write(tailBytes);
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            String expected = size + " " + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(content)) + " 1";
            assertEquals(expected, reply.substring(reply.indexOf("\r\n\r\n") + 4), reply);
        }
        assertEquals(0, filesIn(spoolDir), "the temp file went with the request");
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
    void aFileOverMaxFileSizeIsRefusedWith413NamingTheSetting() throws Exception {
        String big = BODY.replace("file content", "x".repeat(2000));
        Http.Reply r = Http.post(port, "/m/upload", big, "Content-Type: multipart/form-data; boundary=XyZ");
        assertEquals(413, r.status());
        assertTrue(r.body().contains("maxFileSize=1000"), r.body());
    }
}
