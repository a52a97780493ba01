package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 with prior knowledge (h2c) against curl, a real client built on nghttp2. */
class Http2CurlTest {
    @TempDir
    Path tmp;

    static boolean curlHasHttp2() {
        try {
            Process p = new ProcessBuilder("curl", "-V").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 && out.contains("HTTP2");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--http2-prior-knowledge", "--max-time", "60"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void aGetOverH2cWithPriorKnowledgeIsAnsweredOnItsStream() throws Exception {
        assumeTrue(curlHasHttp2(), "curl without HTTP/2");
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            String out = curl("-i", "http://127.0.0.1:" + s.port() + "/hello?x=1");
            assertTrue(out.startsWith("HTTP/2 200"), out);
            assertTrue(out.contains("x-path: /hello"), out);
            assertTrue(out.contains("x-query: x=1"), out);
            assertTrue(out.contains("content-length: 10"), out);
            assertTrue(out.endsWith("GET /hello"), out);
        }
    }

    @Test
    void theRequestProtocolIsHttp2() throws Exception {
        assumeTrue(curlHasHttp2(), "curl without HTTP/2");
        HttpHandler h = ex -> ex.response().output().write(ex.request().protocol().getBytes(StandardCharsets.US_ASCII));
        try (TestServer s = TestServer.start(ExecutionMode.POOL, h)) {
            assertEquals("HTTP/2.0", curl("http://127.0.0.1:" + s.port() + "/"));
        }
    }

    @Test
    void aLargeUploadAndDownloadPassThroughBothFlowControlWindows() throws Exception {
        assumeTrue(curlHasHttp2(), "curl without HTTP/2");
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        Path in = tmp.resolve("in.bin");
        Files.write(in, body);
        Path out = tmp.resolve("out.bin");
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            curl("--data-binary", "@" + in, "-o", out.toString(), "http://127.0.0.1:" + s.port() + "/echo");
            assertEquals(body.length, Files.size(out));
            assertTrue(java.util.Arrays.equals(body, Files.readAllBytes(out)));
        }
    }

    @Test
    void h2loadRuns2000RequestsAs16ConcurrentStreamsOnEachOf4Connections() throws Exception {
        assumeTrue(new java.io.File("/usr/bin/h2load").canExecute(), "h2load (nghttp2-client) not installed");
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO)) {
            Process p = new ProcessBuilder("h2load", "-n", "2000", "-c", "4", "-m", "16", "http://127.0.0.1:" + s.port() + "/x")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertTrue(out.contains("2000 succeeded, 0 failed, 0 errored"), out);
            assertTrue(out.contains("status codes: 2000 2xx"), out);
        }
    }
}
