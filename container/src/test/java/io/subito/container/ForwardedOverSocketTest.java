package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.proxy.ForwardedHeaders;
import io.subito.container.proxy.TrustedProxies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forwarding headers over real sockets. Loopback has many addresses: the "proxy" connects from
 * 127.0.0.2 (or whichever address a test trusts), the "direct client" from 127.0.0.1.
 */
class ForwardedOverSocketTest {

    /** Answers with what the request's origin says, one field per line. */
    static final HttpHandler ORIGIN = ex -> {
        RequestOrigin o = ex.origin();
        String body = o.remoteAddress() + "\n" + o.remotePort() + "\n" + o.scheme() + "\n" + o.isSecure() + "\n"
                + o.forwardedHost() + "\n" + o.forwardedPort();
        ex.response().setHeader("Content-Type", "text/plain");
        ex.response().output().write(body.getBytes(StandardCharsets.UTF_8));
    };

    static ServerConfig config(ExecutionMode mode, String trusted) {
        return TestServer.config(mode).trustedProxies(TrustedProxies.parse(trusted));
    }

    /** One request with Connection: close from {@code local}; the response body's lines. */
    static String[] ask(String local, String server, int port, String... headers) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress(server, port), 5000);
            s.setSoTimeout(20_000);
            StringBuilder req = new StringBuilder("GET /where HTTP/1.1\r\nHost: app.internal:8080\r\nConnection: close\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            String response = readToEnd(s.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 200 "), response);
            return response.substring(response.indexOf("\r\n\r\n") + 4).split("\n");
        }
    }

    static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    static java.util.stream.Stream<ExecutionMode> modes() {
        return TestServer.modes();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void withoutTrustedProxiesForwardingHeadersAreIgnored(ExecutionMode mode) throws Exception {
        try (TestServer t = TestServer.start(TestServer.config(mode), ORIGIN)) {
            String[] o = ask("127.0.0.2", "127.0.0.1", t.port(), "X-Forwarded-For: 203.0.113.9",
                    "X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example", "Forwarded: for=198.51.100.1;proto=https");
            assertEquals("127.0.0.2", o[0]);
            assertEquals("http", o[2]);
            assertEquals("false", o[3]);
            assertEquals("null", o[4]);
            assertEquals("-1", o[5]);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aTrustedPeersHeadersNameTheClientSchemeHostAndPort(ExecutionMode mode) throws Exception {
        try (TestServer t = TestServer.start(config(mode, "127.0.0.2"), ORIGIN)) {
            String[] o = ask("127.0.0.2", "127.0.0.1", t.port(), "X-Forwarded-For: 198.51.100.1, 203.0.113.9",
                    "X-Forwarded-Proto: https", "X-Forwarded-Host: shop.example.com", "X-Forwarded-Port: 8443");
            assertEquals(List.of("203.0.113.9", "https", "true", "shop.example.com", "8443"),
                    List.of(o[0], o[2], o[3], o[4], o[5]));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void theSameHeadersFromAnUntrustedPeerAreIgnored(ExecutionMode mode) throws Exception {
        try (TestServer t = TestServer.start(config(mode, "127.0.0.2"), ORIGIN)) {
            String[] o = ask("127.0.0.1", "127.0.0.1", t.port(), "X-Forwarded-For: 203.0.113.9",
                    "X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example");
            assertEquals(List.of("127.0.0.1", "http", "false", "null"), List.of(o[0], o[2], o[3], o[4]));
        }
    }

    @Test
    void rfc7239ForwardedIsReadWhenConfigured() throws Exception {
        ServerConfig c = config(ExecutionMode.POOL, "127.0.0.0/30").forwardedHeaders(ForwardedHeaders.FORWARDED);
        try (TestServer t = TestServer.start(c, ORIGIN)) {
            String[] o = ask("127.0.0.2", "127.0.0.1", t.port(),
                    "Forwarded: for=\"[2001:db8::7]:4711\";proto=https;host=shop.example.com, for=127.0.0.3",
                    "X-Forwarded-For: 192.0.2.1");
            assertEquals(List.of("2001:db8:0:0:0:0:0:7", "4711", "https", "true", "shop.example.com", "-1"), List.of(o));
        }
    }

    @Test
    void ipv6PeersAreMatchedAgainstIpv6Ranges() throws Exception {
        ServerConfig c = config(ExecutionMode.POOL, "::1/128").host("::1");
        try (TestServer t = TestServer.start(c, ORIGIN)) {
            String[] o = ask("::1", "::1", t.port(), "X-Forwarded-For: 2001:db8::9");
            assertEquals("2001:db8:0:0:0:0:0:9", o[0]);
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void malformedHeadersFromATrustedPeerAreIgnoredWithALogLineNeverA500(ExecutionMode mode) throws Exception {
        try (LogCapture log = new LogCapture(RequestOrigin.class.getName());
                TestServer t = TestServer.start(config(mode, "127.0.0.2"), ORIGIN)) {
            String[] o = ask("127.0.0.2", "127.0.0.1", t.port(), "X-Forwarded-For: 203.0.113.9, not-an-address",
                    "X-Forwarded-Proto: https");
            assertEquals(List.of("127.0.0.2", "http"), List.of(o[0], o[2]));
            // a second one within the minute is not logged again (the next line will count it)
            ask("127.0.0.2", "127.0.0.1", t.port(), "X-Forwarded-Proto: gopher");
            assertEquals(List.of("WARNING ignored the forwarding headers from trusted proxy 127.0.0.2: "
                    + "X-Forwarded-For: 'not-an-address' is not an IP address"), log.matching("").stream()
                    .map(r -> r.getLevel() + " " + LogCapture.text(r)).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aKeptAliveConnectionsNextRequestCarriesNothingOfTheLastOnesForwarding(ExecutionMode mode) throws Exception {
        try (TestServer t = TestServer.start(config(mode, "127.0.0.1"), ORIGIN)) {
            RawClient c = t.connect();
            c.send(Handlers.get("/a", "X-Forwarded-For: 203.0.113.9", "X-Forwarded-Proto: https")
                    + Handlers.get("/b"));
            String first = new String(c.read().body, StandardCharsets.UTF_8);
            String second = new String(c.read().body, StandardCharsets.UTF_8);
            assertTrue(first.startsWith("203.0.113.9\n"), first);
            assertTrue(first.contains("\nhttps\n"), first);
            assertTrue(second.startsWith("127.0.0.1\n"), second);
            assertTrue(second.contains("\nhttp\n"), second);
        }
    }
}
