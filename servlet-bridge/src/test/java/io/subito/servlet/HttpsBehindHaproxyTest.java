package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.proxy.TrustedProxies;
import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import io.subito.servlet.support.Haproxy;
import io.subito.servlet.support.Servlets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTPS-only Subito (port -1) behind a real HAProxy in TCP mode that passes TLS through and
 * sends a PROXY v2 header before the client's ClientHello: the servlet sees the client's
 * address, and HTTPS. HAProxy connects from 127.0.0.2, the only trusted proxy; the client from 127.0.0.5.
 */
class HttpsBehindHaproxyTest {
    static final String CLIENT = "127.0.0.5";
    static final String PROXY = "127.0.0.2";
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Subito server;
    static Haproxy haproxy;
    static int front;

    @BeforeAll
    static void start() throws Exception {
        Haproxy.binary(); // fails first, naming the package, when HAProxy is missing
        certs = TestCertificates.create(dir);
        TestCertificates.Server cert = certs.server("localhost", "EC");
        server = Subito.builder().port(-1).https(0, TlsSettings.pem(cert.certificate(), cert.key()))
                .config(c -> c.trustedProxies(TrustedProxies.parse(PROXY)).proxyProtocol(true))
                .context("/ctx", ctx -> ctx.addServlet("where", Servlets.text(r -> String.join("\n", r.getRemoteAddr(),
                        r.getScheme(), String.valueOf(r.isSecure()), String.valueOf(r.getServerPort()),
                        String.valueOf(r.getAttribute("jakarta.servlet.request.cipher_suite"))))).addMapping("/where"))
                .start();
        front = Haproxy.freePort();
        haproxy = Haproxy.start("""
                frontend tls
                    mode tcp
                    bind 127.0.0.1:%d
                    default_backend tls
                backend tls
                    mode tcp
                    server subito 127.0.0.1:%d source %s send-proxy-v2
                """.formatted(front, server.httpsPort(), PROXY), front);
    }

    @AfterAll
    static void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static List<String> where(int port) throws Exception {
        Socket raw = new Socket();
        raw.bind(new InetSocketAddress(CLIENT, 0));
        raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        try (SSLSocket s = (SSLSocket) certs.clientContext().getSocketFactory().createSocket(raw, "localhost", port, true)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /ctx/where HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(r.startsWith("HTTP/1.1 200"), r);
            return List.of(r.substring(r.indexOf("\r\n\r\n") + 4).split("\n"));
        }
    }

    @Test
    void theServletSeesTheClientsAddressAndHttpsThroughTheProxy() throws Exception {
        List<String> w = where(front);
        assertEquals(CLIENT, w.get(0), String.join("|", w) + "\n" + haproxy.log());
        assertEquals("https", w.get(1));
        assertEquals("true", w.get(2));
        assertTrue(w.get(4).startsWith("TLS_"), w.get(4));
    }

    @Test
    void theHttpsOnlyServerHasNoPlainListener() {
        assertEquals(-1, server.port());
    }

    @Test
    void aClientConnectingStraightToTheHttpsPortIsRefusedForWantOfAHeader() {
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> where(server.httpsPort()));
    }
}
