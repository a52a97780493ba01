package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.MultipartSender;
import io.subito.servlet.support.MultipartSender.Outcome;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The multipart limits with their defaults (maxPartCount 50, maxPartHeaderBytes 512) and the
 * refusal of malformed bodies, over real sockets: what the client gets, that temp files go,
 * and that the server keeps serving.
 */
class MultipartLimitsTest {
    static final String BOUNDARY = "MultipartAttack"; // 15 characters: a one-byte part is 66 bytes on the wire
    static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    static Subito server;
    static int port;
    static volatile Path tempDir;

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/mp", ctx -> {
            // a servlet that lets the exception go, as an unmodified framework upload endpoint does
            var parts = ctx.addServlet("parts", Servlets.of((req, res) -> {
                tempDir = ((File) req.getServletContext().getAttribute(ServletContext.TEMPDIR)).toPath();
                List<String> names = new ArrayList<>();
                for (Part p : req.getParts()) {
                    names.add(p.getName() + "=" + p.getSize());
                }
                res.getWriter().print("parts=" + names.size() + " " + (names.size() <= 3 ? names : ""));
            }));
            parts.setMultipartConfig(new MultipartConfigElement(""));
            parts.addMapping("/parts");
            var spill = ctx.addServlet("spill", Servlets.of((req, res) -> {
                tempDir = ((File) req.getServletContext().getAttribute(ServletContext.TEMPDIR)).toPath();
                res.getWriter().print("parts=" + req.getParts().size() + " files=" + files(tempDir));
            }));
            spill.setMultipartConfig(new MultipartConfigElement(null, -1, -1, 16));
            spill.addMapping("/spill");
            var handled = ctx.addServlet("handled", Servlets.of((req, res) -> {
                try {
                    req.getPart("f");
                    res.getWriter().print("no exception");
                } catch (IllegalStateException | IOException e) {
                    res.getWriter().print("handled " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }));
            handled.setMultipartConfig(new MultipartConfigElement(""));
            handled.addMapping("/handled");
            var wrapped = ctx.addServlet("wrapped", Servlets.of((req, res) -> {
                try {
                    req.getParts();
                } catch (IllegalStateException e) {
                    throw new ServletException("upload failed", e);
                }
            }));
            wrapped.setMultipartConfig(new MultipartConfigElement(""));
            wrapped.addMapping("/wrapped");
            var paramsFirst = ctx.addServlet("params-first", Servlets.of((req, res) -> {
                String a = req.getParameter("a"); // parses the body, fails, is logged
                Exception first = assertThrows(IllegalStateException.class, req::getParts);
                Exception again = assertThrows(IllegalStateException.class, req::getParts);
                res.getWriter().print("a=" + a + " same=" + (first == again) + " " + first.getMessage());
            }));
            paramsFirst.setMultipartConfig(new MultipartConfigElement(""));
            paramsFirst.addMapping("/params-first");
            ctx.addServlet("hello", Servlets.text(req -> "hello")).addMapping("/hello");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static long files(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }

    static String parts(int count, String content) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"f").append(i)
                    .append("\"\r\n\r\n").append(content).append("\r\n");
        }
        return sb.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    static Outcome post(String target, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        return MultipartSender.post(port, target, TYPE, b.length, MultipartSender.bytes(b), false);
    }

    static void assertServing() throws IOException {
        assertEquals("hello", Http.get(port, "/mp/hello").body(), "the server still serves");
    }

    @Test
    void aMillionOneBytePartsAreRefusedQuicklyAndTheServerStaysHealthy() throws Exception {
        long length = MultipartSender.manyPartsLength(BOUNDARY, 1_000_000);
        assertEquals(66_000_021, length, "66 MB, under maxMultipartBytes");
        long start = System.nanoTime();
        Outcome o = MultipartSender.post(port, "/mp/parts", TYPE, length,
                MultipartSender.manyParts(BOUNDARY, 1_000_000), false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(413, o.reply().status(), o.reply().body());
        assertTrue(o.reply().body().contains("maxPartCount=50"), o.reply().body());
        assertTrue(millis < 30_000, "refused in " + millis + " ms"); // ~77 CPU-seconds and an OOM before the limit
        assertEquals(0, files(tempDir), "the 50 parts' temp files went with the refusal");
        assertServing();
    }

    @Test
    void twoConcurrentManyPartRequestsAreBothRefused() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long count = 20_000_000 / 66;
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                outcomes.add(pool.submit(() -> MultipartSender.post(port, "/mp/parts", TYPE,
                        MultipartSender.manyPartsLength(BOUNDARY, count), MultipartSender.manyParts(BOUNDARY, count), false)));
            }
            for (Future<Outcome> f : outcomes) {
                assertEquals(413, f.get().reply().status());
            }
        } finally {
            pool.shutdownNow();
        }
        assertServing();
    }

    @Test
    void fiftyPartsAreAcceptedAndTheFiftyFirstIsRefused() throws Exception {
        assertEquals("parts=50 ", post("/mp/parts", parts(50, "v")).reply().body());
        Outcome over = post("/mp/parts", parts(51, "v"));
        assertEquals(413, over.reply().status());
        assertTrue(over.reply().body().contains("more than 50 parts (maxPartCount=50)"), over.reply().body());
    }

    @Test
    void partsThatAreNotFormDataStillCountTowardTheLimit() throws Exception {
        String unnamed = ("--" + BOUNDARY + "\r\nX-Not-A-Field: 1\r\n\r\nv\r\n").repeat(51) + "--" + BOUNDARY + "--\r\n";
        assertEquals(413, post("/mp/parts", unnamed).reply().status());
        String some = ("--" + BOUNDARY + "\r\nX-Not-A-Field: 1\r\n\r\nv\r\n").repeat(3) + parts(1, "v");
        assertEquals("parts=1 [f0=1]", post("/mp/parts", some).reply().body(), "skipped, as the peers do");
    }

    @Test
    void aPartHeaderSectionOf512BytesIsAcceptedAnd513IsRefused() throws Exception {
        String line = "Content-Disposition: form-data; name=\"f\"\r\n";
        String filler = "X-Pad: ";
        // header section = the lines with their CRLFs, plus the empty line's CRLF
        String pad = "p".repeat(512 - line.length() - filler.length() - 2 - 2);
        String at = "--" + BOUNDARY + "\r\n" + line + filler + pad + "\r\n\r\nv\r\n--" + BOUNDARY + "--\r\n";
        assertEquals("parts=1 [f=1]", post("/mp/parts", at).reply().body());
        Outcome over = post("/mp/parts", at.replace(pad, pad + "p"));
        assertEquals(413, over.reply().status());
        assertTrue(over.reply().body().contains("maxPartHeaderBytes=512"), over.reply().body());
    }

    @Test
    void aBodyWhoseClosingBoundaryNeverComesIs400NotZeroParts() throws Exception {
        String noClose = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nvalue\r\n";
        Outcome o = post("/mp/parts", noClose);
        assertEquals(400, o.reply().status());
        assertTrue(o.reply().body().contains("before the closing boundary"), o.reply().body());
        Outcome none = post("/mp/parts", "no boundary anywhere in this body");
        assertEquals(400, none.reply().status());
        assertTrue(none.reply().body().contains("no multipart boundary"), none.reply().body());
        assertServing();
    }

    @Test
    void aMalformedPartHeaderIs400() throws Exception {
        for (String head : new String[] {"Content-Disposition form-data; name=\"f\"", "Content-Disposition: form-data;\n name=\"f\"",
                "Content-Disposition : form-data; name=\"f\"", "Content-Disposition: form-data; name=\"f\"\r\n folded"}) {
            Outcome o = post("/mp/parts", "--" + BOUNDARY + "\r\n" + head + "\r\n\r\nv\r\n--" + BOUNDARY + "--\r\n");
            assertEquals(400, o.reply().status(), head);
        }
        Outcome noBoundary = MultipartSender.post(port, "/mp/parts", "multipart/form-data", 3,
                MultipartSender.bytes("abc".getBytes(StandardCharsets.ISO_8859_1)), false);
        assertEquals(400, noBoundary.reply().status());
        assertTrue(noBoundary.reply().body().contains("without a boundary"), noBoundary.reply().body());
    }

    @Test
    void aBodyCutOffByTheClientIs400AndLeavesNoTempFile() throws Exception {
        String body = parts(1, "x".repeat(100_000)); // spills: the threshold is 16
        byte[] half = body.substring(0, 60_000).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("parts=1 files=1", post("/mp/spill", body).reply().body(), "a whole body gives one temp file");
        // Content-Length promises the whole body, the client half-closes after 60,000 bytes
        Outcome o = MultipartSender.post(port, "/mp/spill", TYPE, body.length(), MultipartSender.bytes(half), true);
        assertEquals(400, o.reply().status());
        assertTrue(o.reply().body().contains("closed before the end of the body"), o.reply().body());
        assertEquals("close", o.reply().header("connection"));
        assertEquals(0, files(tempDir), "the half-written part's temp file went before the response");
        assertServing();
    }

    @Test
    void aMultipartBodyTruncatedInsideAPartIs400AndItsTempFilesAreGone() throws Exception {
        String body = parts(2, "x".repeat(50_000));
        String cut = body.substring(0, body.length() - 30_000);
        Outcome o = post("/mp/spill", cut);
        assertEquals(400, o.reply().status());
        assertEquals(0, files(tempDir), "deleted before the response was written");
    }

    @Test
    void anApplicationThatCatchesTheExceptionAnswersItself() throws Exception {
        Outcome o = post("/mp/handled", parts(51, "v"));
        assertEquals(200, o.reply().status());
        assertEquals("handled MultipartLimitException: multipart body with more than 50 parts (maxPartCount=50)",
                o.reply().body());
        Outcome bad = post("/mp/handled", "nothing");
        assertEquals(200, bad.reply().status());
        assertTrue(bad.reply().body().startsWith("handled MalformedMultipartException"), bad.reply().body());
    }

    @Test
    void theExceptionWrappedByTheApplicationIsStill413() throws Exception {
        assertEquals(413, post("/mp/wrapped", parts(51, "v")).reply().status());
    }

    @Test
    void aFailureFoundThroughGetParameterIsThrownAgainByGetParts() throws Exception {
        Outcome o = post("/mp/params-first?a=q", parts(51, "v"));
        assertEquals("a=q same=true multipart body with more than 50 parts (maxPartCount=50)", o.reply().body());
    }

    @Test
    void theRefusalIsAnsweredWhileTheBodyIsStillComing() throws Exception {
        // the server does not read the rest of a refused body: the client could not write it all
        Outcome o = MultipartSender.post(port, "/mp/parts", TYPE, MultipartSender.manyPartsLength(BOUNDARY, 1_000_000),
                MultipartSender.manyParts(BOUNDARY, 1_000_000), false);
        assertEquals(413, o.reply().status());
        assertFalse(o.bodyWritten(), "the 66 MB were not all taken");
    }
}
