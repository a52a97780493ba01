package io.subito.servlet.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.Subito;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.MultipartSender;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@link MultipartCorpus} on a fresh connection to an embedded server with default
 * limits and one servlet that calls getParts() and lets any exception go: the status and the
 * cause in the response, no temp file left behind, and the server still answering after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultipartCorpusTest {
    private Subito server;
    private volatile Path tempDir;

    @BeforeAll
    void start() throws Exception {
        server = Subito.builder().port(0).context("/", ctx -> {
            var up = ctx.addServlet("upload", Servlets.of((req, res) -> {
                tempDir = ((File) req.getServletContext().getAttribute(ServletContext.TEMPDIR)).toPath();
                res.getWriter().print("parts=" + req.getParts().size());
            }));
            up.setMultipartConfig(new MultipartConfigElement("")); // threshold 0: every non-empty part is a temp file
            up.addMapping("/upload");
            ctx.addServlet("next", Servlets.text(req -> "next")).addMapping("/next");
        }).start();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    Stream<MultipartCase> cases() {
        return MultipartCorpus.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answeredAsTheRowSaysAndNothingIsLeftBehind(MultipartCase c) throws Exception {
        MultipartSender.Outcome o = MultipartSender.post(server.port(), "/upload", c.contentType(), c.length(), c.body(), false);
        assertEquals(c.status(), o.reply().status(), o.reply().body());
        assertTrue(o.reply().body().contains(c.mentions()), o.reply().body());
        if (tempDir != null) {
            try (var files = Files.list(tempDir)) {
                assertEquals(0, files.count(), "temp files left by " + c.name());
            }
        }
        assertEquals("next", Http.get(server.port(), "/next").body());
    }
}
