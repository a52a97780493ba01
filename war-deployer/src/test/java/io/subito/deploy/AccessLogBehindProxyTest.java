package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log names the client behind a trusted proxy, in the default format and in a pattern
 * of its own: trustedProxies in server.properties,
 * a "proxy" connecting from 127.0.0.2 and a direct client from 127.0.0.3, over real sockets.
 */
class AccessLogBehindProxyTest {
    @TempDir
    Path home;

    static int get(String local, int port, String... headers) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            StringBuilder req = new StringBuilder("GET /app/hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            s.getInputStream().transferTo(b);
            return Integer.parseInt(b.toString(StandardCharsets.ISO_8859_1).substring(9, 12));
        }
    }

    @Test
    void theClientBehindATrustedProxyIsLoggedAndADirectClientsClaimIsNot() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        TestWars.annotated().writeTo(home.resolve("webapps/app.war"));
        try (RunningServer s = new RunningServer(home, "trustedProxies=127.0.0.2, 10.0.0.0/8\n")) {
            int port = s.server.port();
            assertEquals(200, get("127.0.0.2", port, "X-Forwarded-For: 6.6.6.6, 203.0.113.9, 10.1.2.3"));
            assertEquals(200, get("127.0.0.3", port, "X-Forwarded-For: 203.0.113.77"));
            assertEquals(200, get("127.0.0.2", port, "X-Forwarded-For: no-address"));
        }
        List<String> lines = Files.readAllLines(home.resolve("logs/access.log"));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("203.0.113.9 - - ["), lines.get(0));
        assertTrue(lines.get(1).startsWith("127.0.0.3 - - ["), lines.get(1));
        assertTrue(lines.get(2).startsWith("127.0.0.2 - - ["), "malformed: the proxy's own address; " + lines.get(2));
    }

    @Test
    void aPatternsClientLettersNameTheForwardedClientAndItsPort() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        TestWars.annotated().writeTo(home.resolve("webapps/app.war"));
        try (RunningServer s = new RunningServer(home, "trustedProxies=127.0.0.2\nforwardedHeaders=forwarded\n"
                + "accessLog.pattern=%a|%h|%{remote}p|%s\n")) {
            int port = s.server.port();
            assertEquals(200, get("127.0.0.2", port, "Forwarded: for=\"203.0.113.9:4711\""));
            assertEquals(200, get("127.0.0.3", port, "Forwarded: for=\"203.0.113.77:4712\""));
        }
        List<String> lines = Files.readAllLines(home.resolve("logs/access.log"));
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("203.0.113.9|203.0.113.9|4711|200", lines.get(0));
        String[] direct = lines.get(1).split("\\|");
        assertEquals("127.0.0.3", direct[0], "an untrusted peer's claim is not logged: " + lines.get(1));
        assertEquals("127.0.0.3", direct[1], lines.get(1));
        assertTrue(Integer.parseInt(direct[2]) > 0 && Integer.parseInt(direct[2]) != 4712, "its own port: " + lines.get(1));
    }
}
