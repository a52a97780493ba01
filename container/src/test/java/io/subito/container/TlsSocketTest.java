package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTPS over real sockets with real clients: the JDK's HttpClient and SSLSocket, curl, openssl s_client. */
class TlsSocketTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Server rsa;
    static SSLContext client;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
        rsa = certs.server("localhost", "RSA");
        client = certs.clientContext();
    }

    static TestServer https(ExecutionMode mode) throws Exception {
        return TestServer.start(TestServer.config(mode).httpsPort(0).tls(TlsSettings.pem(rsa.certificate(), rsa.key())), Handlers.ECHO);
    }

    static List<ExecutionMode> modes() {
        return TestServer.modes().toList();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void theJdkHttpClientGetsAnswersAndSendsBodiesOverHttps(ExecutionMode mode) throws Exception {
        try (TestServer s = https(mode)) {
            HttpClient http = HttpClient.newBuilder().sslContext(client).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            URI base = URI.create("https://localhost:" + s.server.httpsPort());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("/hello", r.headers().firstValue("X-Path").orElseThrow());
            // a body larger than the input window and the records: read by the handler in blocking reads
            String body = "0123456789".repeat(20_000);
            HttpResponse<String> echo = http.send(HttpRequest.newBuilder(base.resolve("/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, echo.statusCode());
            assertEquals(body, echo.body());
            // the plain listener still serves cleartext
            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/p")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("/p", plain.headers().firstValue("X-Path").orElseThrow());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void pipelinedRequestsInOneTlsWriteAreAllAnswered(ExecutionMode mode) throws Exception {
        try (TestServer s = https(mode);
                SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", s.server.httpsPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                batch.append(Handlers.get("/r" + i));
            }
            batch.append(Handlers.get("/last", "Connection: close"));
            OutputStream out = socket.getOutputStream();
            out.write(batch.toString().getBytes(StandardCharsets.ISO_8859_1)); // one record
            out.flush();
            String responses = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(17, responses.split("HTTP/1.1 200", -1).length - 1, responses);
            assertTrue(responses.endsWith("GET /last"), responses);
        }
    }

    @Test
    void curlFetchesSeveralUrlsOnOneConnection() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL)) {
            String base = "https://localhost:" + s.server.httpsPort();
            Result r = run("curl", "-sS", "--cacert", certs.caCert.toString(), "-w", "[%{http_code} %{num_connects}]",
                    base + "/a", base + "/b", base + "/c");
            assertEquals(0, r.exit, r.output);
            // one connection made for the first URL, reused for the others
            assertEquals("GET /a[200 1]GET /b[200 0]GET /c[200 0]", r.output);
        }
    }

    @Test
    void opensslSeesTls13AndAlpnAndTls12WithAnAeadSuite() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL)) {
            String at = "127.0.0.1:" + s.server.httpsPort();
            Result v13 = run("openssl", "s_client", "-connect", at, "-alpn", "http/1.1", "-CAfile", certs.caCert.toString(),
                    "-servername", "localhost");
            assertTrue(v13.output.contains("Protocol  : TLSv1.3") || v13.output.contains("New, TLSv1.3"), v13.output);
            assertTrue(v13.output.contains("ALPN protocol: http/1.1"), v13.output);
            assertTrue(v13.output.contains("Verify return code: 0 (ok)"), v13.output);
            Result v12 = run("openssl", "s_client", "-connect", at, "-tls1_2", "-CAfile", certs.caCert.toString());
            assertTrue(v12.output.contains("ECDHE-RSA-AES128-GCM-SHA256"), v12.output);
        }
    }

    @Test
    void oldProtocolsAndWeakSuitesAreRefused() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL)) {
            String at = "127.0.0.1:" + s.server.httpsPort();
            Result v11 = run("openssl", "s_client", "-connect", at, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
            assertNotEquals(0, v11.exit, v11.output);
            // RSA key exchange and CBC on TLS 1.2: not in the default suites
            Result rsaKex = run("openssl", "s_client", "-connect", at, "-tls1_2", "-cipher", "AES128-SHA:AES256-GCM-SHA384");
            assertNotEquals(0, rsaKex.exit, rsaKex.output);
            Result cbc = run("openssl", "s_client", "-connect", at, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256");
            assertNotEquals(0, cbc.exit, cbc.output);
        }
    }

    @Test
    void plaintextHttpOnTheHttpsPortGetsA400AndTheConnectionCloses() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL); LogCapture log = new LogCapture("io.subito.container");
                Socket plain = new Socket("127.0.0.1", s.server.httpsPort())) {
            plain.setSoTimeout(30_000);
            plain.getOutputStream().write(Handlers.get("/x").getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(plain.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.contains("This combination of host and port requires TLS."), answer);
            log.await("plaintext HTTP", "HTTPS port");
        }
    }

    @Test
    void garbageInsteadOfAClientHelloClosesOnlyThatConnection() throws Exception {
        try (TestServer s = https(ExecutionMode.POOL); LogCapture log = new LogCapture("io.subito.container");
                Socket bad = new Socket("127.0.0.1", s.server.httpsPort())) {
            bad.setSoTimeout(30_000);
            bad.getOutputStream().write(new byte[] {22, 3, 1, 0, 8, 9, 9, 9, 9, 9, 9, 9, 9});
            InputStream in = bad.getInputStream();
            byte[] alert = in.readAllBytes();
            assertTrue(alert.length == 0 || alert[0] == 21, "an alert record or nothing, then the end");
            log.await("TLS refused");
            HttpClient http = HttpClient.newBuilder().sslContext(client).build();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + s.server.httpsPort() + "/ok")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close(); // s_client: no input, end of input ends it
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + List.of(cmd));
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
