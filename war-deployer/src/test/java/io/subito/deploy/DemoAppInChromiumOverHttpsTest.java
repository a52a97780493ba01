package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.subito.container.HeadlessChromium;
import io.subito.container.tls.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser trusting the test CA: headless Chromium (Debian's {@code chromium}) loads the
 * demo app's page from the server main over HTTPS, the CA added to the browser's own NSS
 * certificate database ({@code certutil}, Debian's {@code libnss3-tools}) rather than certificate
 * errors ignored. Without the CA the same browser refuses the page, so the trust is what lets it
 * in. A screenshot of the page is kept in {@code target/chromium/} with the test's output.
 * Skipped, saying so, when either tool is not installed.
 */
class DemoAppInChromiumOverHttpsTest {
    private static final Path CERTUTIL = Path.of("/usr/bin/certutil");
    /** The demo app's page, from this repository's demo-app module. */
    private static final Path DEMO_PAGE = Path.of("..", "demo-app", "src", "main", "webapp", "index.html");
    private static final Path SCREENSHOT = Path.of("target", "chromium", "demo-app-over-https.png");

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void chromiumTrustingTheTestCaShowsTheDemoAppOverHttps() throws Exception {
        assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "chromium is not installed (apt-get install chromium): the browser test is skipped");
        assumeTrue(Files.isExecutable(CERTUTIL), "certutil is not installed (apt-get install libnss3-tools): the browser test is skipped");
        TestCertificates certs = TestCertificates.create(Files.createDirectories(dir.resolve("certs")));
        TestCertificates.Server cert = certs.server("localhost", "EC");
        Path home = dir.resolve("home");
        Path root = Files.createDirectories(home.resolve("webapps/ROOT/WEB-INF"));
        Files.copy(DEMO_PAGE, root.resolveSibling("index.html"));
        int https = ServerProcess.freePort();
        try (ServerProcess server = new ServerProcess(home, "httpsPort=" + https + "\ntls.certificate=" + cert.certificate()
                + "\ntls.key=" + cert.key() + "\n")) {
            server.awaitBanner();
            String url = "https://localhost:" + https + "/";

            Path untrusting = Files.createDirectories(dir.resolve("browser-without-ca"));
            String refused = HeadlessChromium.run(untrusting, "--dump-dom", url);
            assertFalse(refused.contains("Subito is running"), "without the CA the browser must not show the page: " + refused);

            Path trusting = Files.createDirectories(dir.resolve("browser-with-ca"));
            Path nss = Files.createDirectories(trusting.resolve(".pki/nssdb"));
            run(List.of(CERTUTIL.toString(), "-d", "sql:" + nss, "-N", "--empty-password"), dir);
            run(List.of(CERTUTIL.toString(), "-d", "sql:" + nss, "-A", "-t", "C,,", "-n", "Subito Test CA", "-i", certs.caCert.toString()), dir);
            String dom = HeadlessChromium.run(trusting, "--dump-dom", url);
            assertTrue(dom.contains("<title>Subito is running</title>"), "the demo app's page: " + dom);

            Files.createDirectories(SCREENSHOT.getParent());
            Path shot = trusting.resolve("shot.png");
            HeadlessChromium.run(trusting, "--screenshot=" + shot, "--window-size=1024,640", url);
            byte[] png = Files.readAllBytes(shot);
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG of " + png.length + " bytes");
            Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void run(List<String> cmd, Path in) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + cmd);
        assertEquals(0, p.exitValue(), cmd + ": " + out);
    }
}
