package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS listener alone (port=-1), and with proxyProtocol: the PROXY header before the ClientHello. */
class TlsListenersTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestCertificates.Server ec;
    static SSLContext client;

    /** Answers with the client's address as the engine sees it, and whether the connection is secure. */
    static final HttpHandler WHERE = exchange -> exchange.response().output()
            .write((exchange.remoteAddress() + " secure=" + exchange.isSecure()).getBytes(StandardCharsets.UTF_8));

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
        ec = certs.server("localhost", "EC");
        client = certs.clientContext();
    }

    static TlsSettings tls() {
        return TlsSettings.pem(ec.certificate(), ec.key());
    }

    @Test
    void withPortMinusOneOnlyTheHttpsListenerServes() throws Exception {
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).port(-1).httpsPort(0).tls(tls()), Handlers.ECHO)) {
            assertEquals(-1, s.server.port());
            HttpClient http = HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + s.server.httpsPort() + "/only")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("/only", r.headers().firstValue("X-Path").orElseThrow());
        }
    }

    @Test
    void portMinusOneWithoutHttpsIsRefusedNamingBothKeys() {
        Properties p = new Properties();
        p.setProperty("port", "-1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromProperties(p));
        assertTrue(e.getMessage().contains("port=-1") && e.getMessage().contains("httpsPort"), e.getMessage());
    }

    static TestServer proxied() throws IOException {
        return TestServer.start(TestServer.config(ExecutionMode.POOL).port(-1).httpsPort(0).tls(tls()).proxyProtocol(true), WHERE);
    }

    static String getAfter(byte[] proxyHeader, int port) throws IOException {
        try (TlsSocketClient c = new TlsSocketClient(client, port)) {
            c.socket.getOutputStream().write(proxyHeader); // the proxy's header, then the client's ClientHello
            c.handshake();
            c.send(Handlers.get("/where", "Connection: close"));
            String r = c.readToEnd();
            return r.substring(r.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void aProxyV1HeaderBeforeTheClientHelloNamesTheClient() throws Exception {
        try (TestServer s = proxied()) {
            String where = getAfter("PROXY TCP4 192.0.2.7 127.0.0.1 5555 443\r\n".getBytes(StandardCharsets.US_ASCII), s.server.httpsPort());
            assertEquals("/192.0.2.7:5555 secure=true", where);
        }
    }

    @Test
    void aProxyV2HeaderBeforeTheClientHelloNamesTheClient() throws Exception {
        ByteBuffer h = ByteBuffer.allocate(28);
        h.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        h.put((byte) 0x21).put((byte) 0x11).putShort((short) 12); // v2 PROXY, TCP over IPv4, 12 address bytes
        h.put(new byte[] {(byte) 198, 51, 100, 9}).put(new byte[] {127, 0, 0, 1}).putShort((short) 40000).putShort((short) 443);
        try (TestServer s = proxied()) {
            assertEquals("/198.51.100.9:40000 secure=true", getAfter(h.array(), s.server.httpsPort()));
        }
    }

    @Test
    void aClientHelloWithoutTheProxyHeaderIsClosedAndLogged() throws Exception {
        try (TestServer s = proxied(); LogCapture log = new LogCapture("io.subito.container")) {
            assertThrows(IOException.class, () -> {
                try (TlsSocketClient c = new TlsSocketClient(client, s.server.httpsPort())) {
                    c.handshake();
                }
            });
            log.await("closed a connection from", "not a PROXY protocol header");
        }
    }
}
