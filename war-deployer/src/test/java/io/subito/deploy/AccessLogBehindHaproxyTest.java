package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Haproxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log's client address behind a real HAProxy (Debian's {@code haproxy}, started by
 * the test on loopback and connecting to Subito from {@value #PROXY}): the client HAProxy names,
 * in {@code X-Forwarded-For} or in a PROXY protocol v2 header, is logged; a client's own
 * {@code X-Forwarded-For} sent through HAProxy does not change that, and the same header sent
 * straight to Subito by a client is ignored.
 */
class AccessLogBehindHaproxyTest {
    static final String PROXY = "127.0.0.2";
    static final String CLIENT = "127.0.0.3";

    @TempDir
    Path home;

    @BeforeEach
    void deploy() throws Exception {
        Haproxy.binary(); // fails first, naming the package, when HAProxy is missing
        TestWars.annotated().writeTo(Files.createDirectories(home.resolve("webapps")).resolve("app.war"));
    }

    private List<String> accessLog() throws Exception {
        return Files.readAllLines(home.resolve("logs/access.log"));
    }

    @Test
    void theClientHaproxyNamesInXForwardedForIsLoggedAndTheSameHeaderStraightFromAClientIsNot() throws Exception {
        int front = Haproxy.freePort();
        try (RunningServer s = new RunningServer(home, "trustedProxies=" + PROXY + "\n");
                Haproxy haproxy = Haproxy.start("""
                        frontend www
                            bind 127.0.0.1:%d
                            option forwardfor
                            default_backend subito
                        backend subito
                            server s1 127.0.0.1:%d source %s
                        """.formatted(front, s.server.port(), PROXY), front)) {
            assertEquals(200, AccessLogBehindProxyTest.get(CLIENT, front), haproxy.log());
            assertEquals(200, AccessLogBehindProxyTest.get(CLIENT, front, "X-Forwarded-For: 6.6.6.6"));
            assertEquals(200, AccessLogBehindProxyTest.get(CLIENT, s.server.port(), "X-Forwarded-For: 6.6.6.6"));
        }
        List<String> lines = accessLog();
        assertEquals(3, lines.size(), lines.toString());
        for (String line : lines) {
            // not HAProxy's own address (127.0.0.2), not the address the client claimed (6.6.6.6)
            assertTrue(line.startsWith(CLIENT + " - - [") && line.contains("\"GET /app/hello HTTP/1.1\" 200 "), line);
        }
    }

    @Test
    void theClientOfAProxyProtocolV2HeaderFromHaproxyIsLogged() throws Exception {
        int front = Haproxy.freePort();
        try (RunningServer s = new RunningServer(home, "trustedProxies=" + PROXY + "\nproxyProtocol=true\n");
                Haproxy haproxy = Haproxy.start("""
                        frontend tcp
                            mode tcp
                            bind 127.0.0.1:%d
                            default_backend subito
                        backend subito
                            mode tcp
                            server s1 127.0.0.1:%d source %s send-proxy-v2
                        """.formatted(front, s.server.port(), PROXY), front)) {
            assertEquals(200, AccessLogBehindProxyTest.get(CLIENT, front), haproxy.log());
        }
        List<String> lines = accessLog();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith(CLIENT + " - - ["), lines.get(0));
    }
}
