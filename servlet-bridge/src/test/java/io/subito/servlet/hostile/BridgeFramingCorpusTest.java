package io.subito.servlet.hostile;

import io.subito.container.hostile.FramingCase;
import io.subito.container.hostile.FramingCorpus;
import io.subito.container.hostile.FramingProbe;
import io.subito.servlet.Subito;
import io.subito.servlet.support.Servlets;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's framing corpus again, through an embedded server with one servlet that reads
 * and echoes the body: the bridge must not change where a message ends, what is refused, or
 * how (a refused body is still a 4xx and a close, not a 500 from the servlet's IOException).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeFramingCorpusTest {
    private Subito server;
    private FramingProbe probe;

    @BeforeAll
    void start() throws Exception {
        FramingProbe[] late = new FramingProbe[1];
        server = Subito.builder().port(0).context("/", ctx -> ctx.addServlet("echo", Servlets.of((req, res) -> {
            late[0].ran(req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo()));
            String id = req.getHeader("X-Id");
            if (id != null) {
                res.setHeader("X-Id", id);
            }
            try (InputStream in = req.getInputStream()) {
                res.getOutputStream().write(in.readAllBytes());
            }
        })).addMapping("/*")).start();
        probe = new FramingProbe(server.port());
        late[0] = probe;
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    Stream<FramingCase> cases() {
        return FramingCorpus.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bridgeFramesLikeTheEngine(FramingCase c) throws Exception {
        probe.check(c);
    }
}
