package io.subito.servlet;

import io.subito.servlet.config.ResponseSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.proxy.ForwardedHeaders;
import io.subito.container.proxy.TrustedProxies;
import io.subito.servlet.support.Haproxy;
import io.subito.servlet.support.Servlets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subito behind a real HAProxy on loopback. HAProxy connects to Subito from 127.0.0.2, the only
 * trusted proxy; the test's client connects from 127.0.0.5, to HAProxy or straight to Subito.
 * HAProxy writes X-Forwarded-For with {@code option forwardfor}; {@code option forwarded} came
 * in HAProxy 2.8 and Debian 12 ships 2.6, so the RFC 7239 frontend adds its element with
 * {@code http-request add-header Forwarded}, as the README shows for 2.6.
 */
class BehindHaproxyTest {
    static final String CLIENT = "127.0.0.5";
    static final String PROXY = "127.0.0.2";

    static Subito xForwarded;
    static Subito rfc7239;
    static Subito proxyProtocol;
    static int pp1Front;
    static int pp2Front;
    static Haproxy haproxy;
    static int xffFront;
    static int rfcFront;

    static Subito server(ForwardedHeaders family) throws Exception {
        return server(family, false);
    }

    static Subito server(ForwardedHeaders family, boolean proxyProtocol) throws Exception {
        return Subito.builder().port(0).config(c -> c.trustedProxies(TrustedProxies.parse(PROXY)).forwardedHeaders(family)
                        .proxyProtocol(proxyProtocol))
                .context("/ctx", ctx -> {
                    ctx.addServlet("where", Servlets.text(r -> String.join("\n", r.getRemoteAddr(), r.getRemoteHost(),
                            r.getScheme(), String.valueOf(r.isSecure()), r.getServerName(),
                            String.valueOf(r.getServerPort()), r.getRequestURL())))
                            .addMapping("/where");
                    ctx.addServlet("go", Servlets.of((req, res) -> res.sendRedirect("next"))).addMapping("/go");
                    ctx.setResponseSettings(ResponseSettings.DEFAULTS.withRelativeRedirects(false));
                })
                .context("/rel", ctx -> ctx.addServlet("go", Servlets.of((req, res) -> res.sendRedirect("next")))
                        .addMapping("/go"))
                .start();
    }

    @BeforeAll
    static void start() throws Exception {
        Haproxy.binary(); // fails first, naming the package, when HAProxy is missing
        xForwarded = server(ForwardedHeaders.X_FORWARDED);
        rfc7239 = server(ForwardedHeaders.FORWARDED);
        xffFront = Haproxy.freePort();
        rfcFront = Haproxy.freePort();
        proxyProtocol = server(ForwardedHeaders.X_FORWARDED, true);
        pp1Front = Haproxy.freePort();
        pp2Front = Haproxy.freePort();
        haproxy = Haproxy.start("""
                frontend xff
                    bind 127.0.0.1:%d
                    option forwardfor
                    http-request set-header X-Forwarded-Proto https
                    default_backend xff
                backend xff
                    server subito 127.0.0.1:%d source %s
                frontend rfc
                    bind 127.0.0.1:%d
                    http-request add-header Forwarded 'for=%%[src];proto=http;host="%%[req.hdr(host)]"'
                    default_backend rfc
                backend rfc
                    server subito 127.0.0.1:%d source %s
                frontend pp1
                    bind 127.0.0.1:%d
                    default_backend pp1
                backend pp1
                    server subito 127.0.0.1:%d source %s send-proxy
                frontend pp2
                    mode tcp
                    bind 127.0.0.1:%d
                    default_backend pp2
                backend pp2
                    mode tcp
                    server subito 127.0.0.1:%d source %s send-proxy-v2
                """.formatted(xffFront, xForwarded.port(), PROXY, rfcFront, rfc7239.port(), PROXY,
                        pp1Front, proxyProtocol.port(), PROXY, pp2Front, proxyProtocol.port(), PROXY),
                xffFront, rfcFront, pp1Front, pp2Front);
    }

    @AfterAll
    static void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
        if (xForwarded != null) {
            xForwarded.close();
        }
        if (rfc7239 != null) {
            rfc7239.close();
        }
        if (proxyProtocol != null) {
            proxyProtocol.close();
        }
    }

    record Reply(String head, String body) {
        List<String> lines() {
            return List.of(body.split("\n"));
        }

        String header(String name) {
            for (String l : head.split("\r\n")) {
                if (l.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return l.substring(name.length() + 1).strip();
                }
            }
            return null;
        }
    }

    /** One GET from {@value #CLIENT} to 127.0.0.1:port with Connection: close. */
    static Reply get(int port, String target, String... headers) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(CLIENT, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            StringBuilder req = new StringBuilder("GET " + target + " HTTP/1.1\r\nConnection: close\r\n");
            boolean host = false;
            for (String h : headers) {
                req.append(h).append("\r\n");
                host |= h.startsWith("Host:");
            }
            if (!host) {
                req.append("Host: shop.example.com\r\n");
            }
            s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            s.getInputStream().transferTo(b);
            String all = b.toString(StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            assertTrue(end > 0, "no response head: " + all);
            return new Reply(all.substring(0, end), all.substring(end + 4));
        }
    }

    @Test
    void xForwardedForAndProtoFromHaproxyNameTheClientAndHttps() throws Exception {
        Reply r = get(xffFront, "/ctx/where");
        assertTrue(r.head().startsWith("HTTP/1.1 200"), r.head() + "\n" + haproxy.log());
        assertEquals(List.of(CLIENT, CLIENT, "https", "true", "shop.example.com", "443",
                "https://shop.example.com/ctx/where"), r.lines());
    }

    @Test
    void aPortInTheClientsHostIsKeptBehindHaproxy() throws Exception {
        Reply r = get(xffFront, "/ctx/where", "Host: shop.example.com:8443");
        assertEquals(List.of("shop.example.com", "8443", "https://shop.example.com:8443/ctx/where"), r.lines().subList(4, 7));
    }

    @Test
    void absoluteRedirectsWhenConfiguredUseTheForwardedSchemeAndHost() throws Exception {
        Reply r = get(xffFront, "/ctx/go");
        assertTrue(r.head().startsWith("HTTP/1.1 302"), r.head());
        assertEquals("https://shop.example.com/ctx/next", r.header("Location"));
    }

    @Test
    void relativeRedirectsTheDefaultStayPathsBehindHaproxy() throws Exception {
        Reply r = get(xffFront, "/rel/go");
        assertTrue(r.head().startsWith("HTTP/1.1 302"), r.head());
        assertEquals("/rel/next", r.header("Location"));
    }

    @Test
    void aClientsOwnXForwardedForThroughHaproxyYieldsTheRightMostUntrustedAddress() throws Exception {
        Reply r = get(xffFront, "/ctx/where", "X-Forwarded-For: 6.6.6.6, " + PROXY, "X-Forwarded-Proto: http");
        assertEquals(List.of(CLIENT, "https"), List.of(r.lines().get(0), r.lines().get(2)));
    }

    @Test
    void spoofedHeadersStraightFromAnUntrustedClientAreIgnored() throws Exception {
        Reply r = get(xForwarded.port(), "/ctx/where", "X-Forwarded-For: 6.6.6.6", "X-Forwarded-Proto: https",
                "X-Forwarded-Host: evil.example", "X-Forwarded-Port: 443");
        assertEquals(List.of(CLIENT, CLIENT, "http", "false", "shop.example.com", "80",
                "http://shop.example.com/ctx/where"), r.lines());
        Reply redirect = get(xForwarded.port(), "/ctx/go", "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https");
        assertEquals("http://shop.example.com/ctx/next", redirect.header("Location"));
        Reply rfc = get(rfc7239.port(), "/ctx/where", "Forwarded: for=6.6.6.6;proto=https;host=evil.example");
        assertEquals(List.of(CLIENT, "http", "shop.example.com"), List.of(rfc.lines().get(0), rfc.lines().get(2), rfc.lines().get(4)));
    }

    @Test
    void rfc7239ForwardedFromHaproxyNamesTheClientAndHost() throws Exception {
        Reply r = get(rfcFront, "/ctx/where", "Host: www.example.org");
        assertTrue(r.head().startsWith("HTTP/1.1 200"), r.head() + "\n" + haproxy.log());
        assertEquals(List.of(CLIENT, CLIENT, "http", "false", "www.example.org", "80", "http://www.example.org/ctx/where"),
                r.lines());
    }

    @Test
    void aClientsOwnForwardedThroughHaproxyIsNotBelieved() throws Exception {
        Reply r = get(rfcFront, "/ctx/where", "Host: www.example.org",
                "Forwarded: for=6.6.6.6;proto=https;host=evil.example");
        assertEquals(List.of(CLIENT, "http", "www.example.org"), List.of(r.lines().get(0), r.lines().get(2), r.lines().get(4)));
    }

    @Test
    void theXForwardedServerIgnoresForwardedAndTheOtherWayRound() throws Exception {
        // HAProxy's forwardfor frontend passes a client's Forwarded header through untouched
        Reply r = get(xffFront, "/ctx/where", "Forwarded: for=6.6.6.6;proto=http;host=evil.example");
        assertEquals(List.of(CLIENT, "https", "shop.example.com"), List.of(r.lines().get(0), r.lines().get(2), r.lines().get(4)));
    }

    @Test
    void proxyProtocolV1FromHaproxysSendProxyNamesTheClient() throws Exception {
        Reply r = get(pp1Front, "/ctx/where", "X-Forwarded-For: 6.6.6.6");
        assertTrue(r.head().startsWith("HTTP/1.1 200"), r.head() + "\n" + haproxy.log());
        assertEquals(List.of(CLIENT, CLIENT, "http", "false", "shop.example.com", "80"), r.lines().subList(0, 6));
    }

    @Test
    void proxyProtocolV2FromHaproxyInTcpModeNamesTheClient() throws Exception {
        Reply r = get(pp2Front, "/ctx/where", "X-Forwarded-For: 6.6.6.6", "X-Forwarded-Proto: https");
        assertTrue(r.head().startsWith("HTTP/1.1 200"), r.head() + "\n" + haproxy.log());
        assertEquals(List.of(CLIENT, CLIENT, "http", "false"), r.lines().subList(0, 4));
    }

    @Test
    void aDirectConnectionWithoutProxyHeaderIsClosedUnanswered() throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(CLIENT, 0));
            s.connect(new InetSocketAddress("127.0.0.1", proxyProtocol.port()), 5000);
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /ctx/where HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(b);
            } catch (java.net.SocketException reset) {
                // closed with unread bytes: a reset is a refusal too
            }
            assertEquals("", b.toString(StandardCharsets.ISO_8859_1));
        }
    }
}
