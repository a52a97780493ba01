package io.subito.container.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.ExecutionMode;
import io.subito.container.Handlers;
import io.subito.container.TestServer;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The framing corpus against the bare engine in every execution mode: each row over a fresh
 * raw socket to one server per mode, whose handler echoes (and so reads) bodies and records
 * which paths ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineFramingCorpusTest {
    private final Map<ExecutionMode, TestServer> servers = new EnumMap<>(ExecutionMode.class);
    private final Map<ExecutionMode, FramingProbe> probes = new EnumMap<>(ExecutionMode.class);
    private TestServer ignoringServer;
    private volatile FramingProbe ignoring;

    Stream<Arguments> cases() {
        return TestServer.modes().flatMap(m -> FramingCorpus.all().stream().map(c -> Arguments.of(m, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void answeredOnceThenClosedOrFramedExactly(ExecutionMode mode, FramingCase c) throws Exception {
        probe(mode).check(c);
    }

    Stream<FramingCase> bodyRows() {
        return FramingCorpus.all().stream().filter(FramingCase::bodyLevel);
    }

    /** The rows refused for their body, against a handler that answers without reading it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bodyRows")
    void brokenBodyNobodyReadStillEndsTheConnection(FramingCase c) throws Exception {
        if (ignoring == null) {
            ignoringServer = TestServer.start(ExecutionMode.POOL, exchange -> {
                ignoring.ran(exchange.request().path());
                exchange.response().output().write("not read".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            });
            ignoring = new FramingProbe(ignoringServer.port());
        }
        ignoring.checkUnreadBody(c);
    }

    @Test
    void corpusHasAtLeastSixtyRefusals() {
        List<FramingCase> refused = FramingCorpus.all().stream().filter(FramingCase::refused).toList();
        assertTrue(refused.size() >= 60, "only " + refused.size() + " refusal cases");
    }

    private FramingProbe probe(ExecutionMode mode) throws IOException {
        FramingProbe p = probes.get(mode);
        if (p == null) {
            FramingProbe[] late = new FramingProbe[1];
            TestServer s = TestServer.start(mode, exchange -> {
                late[0].ran(exchange.request().path());
                Handlers.ECHO.handle(exchange);
            });
            servers.put(mode, s);
            p = new FramingProbe(s.port());
            late[0] = p;
            probes.put(mode, p);
        }
        return p;
    }

    @AfterAll
    void stop() {
        servers.values().forEach(TestServer::close);
        if (ignoringServer != null) {
            ignoringServer.close();
        }
    }
}
