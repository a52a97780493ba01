package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser over TLS: headless Chromium (Debian's {@code chromium}; skipped, saying so, when
 * it is not installed) loads a page and its script from the engine by ALPN h2. The page writes
 * what the browser's Navigation and Resource Timing say of the protocol ({@code nextHopProtocol})
 * into its DOM, which Chromium prints ({@code --dump-dom}); the server records the protocol of
 * every request it got.
 */
class Http2ChromiumTest {
    private static final String PAGE = """
            <!doctype html>
            <html><head><title>h2 in a browser</title><script src="/app.js"></script></head>
            <body>
            <p id="page">page: pending</p>
            <p id="script">script: not run</p>
            <script>
              document.getElementById('page').textContent =
                  'page: ' + performance.getEntriesByType('navigation')[0].nextHopProtocol;
              document.getElementById('script').textContent =
                  'script: ' + performance.getEntriesByName(location.origin + '/app.js')[0].nextHopProtocol + ' ' + scriptRan;
            </script>
            </body></html>
            """;
    private static final String SCRIPT = "var scriptRan = 'ran';\n";

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void headlessChromiumGetsThePageAndItsScriptOverH2() throws Exception {
        assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "chromium is not installed (apt-get install chromium): the browser test is skipped");
        TestCertificates certs = TestCertificates.create(Files.createDirectories(dir.resolve("certs")));
        TestCertificates.Server cert = certs.server("localhost", "RSA");
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        HttpHandler site = ex -> {
            String path = ex.request().path();
            seen.add(ex.request().protocol() + " " + path);
            boolean script = path.equals("/app.js");
            ex.response().setHeader("Content-Type", script ? "text/javascript" : "text/html; charset=utf-8");
            ex.response().setHeader("Cache-Control", "no-store");
            ex.response().output().write((script ? SCRIPT : PAGE).getBytes(StandardCharsets.UTF_8));
        };
        ServerConfig config = TestServer.config(ExecutionMode.POOL).httpsPort(0).tls(TlsSettings.pem(cert.certificate(), cert.key()));
        try (TestServer s = TestServer.start(config, site)) {
            String dom = HeadlessChromium.run(dir, "--ignore-certificate-errors", "--dump-dom", "https://127.0.0.1:" + s.server.httpsPort() + "/");
            assertTrue(dom.contains("page: h2"), "the page over h2: " + dom);
            assertTrue(dom.contains("script: h2 ran"), "the script over h2, and run: " + dom);
            assertTrue(seen.contains("HTTP/2.0 /"), "the server saw the page over HTTP/2: " + seen);
            assertTrue(seen.contains("HTTP/2.0 /app.js"), "the server saw the script over HTTP/2: " + seen);
            for (String request : seen) {
                assertTrue(request.startsWith("HTTP/2.0 "), "every request over HTTP/2: " + seen);
            }
        }
    }
}
