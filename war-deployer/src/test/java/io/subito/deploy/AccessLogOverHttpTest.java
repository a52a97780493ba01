package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.deploy.accesslog.RollingFile;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log of a real server: the pattern setting, refused requests, rolling over at a size. */
class AccessLogOverHttpTest {
    @TempDir
    Path home;

    @Test
    void aPatternLogsTimeInMicrosecondsBodyBytesAndNamedHeaders() throws Exception {
        TestWars.annotated().writeTo(Files.createDirectories(home.resolve("webapps")).resolve("app.war"));
        String reply;
        try (RunningServer s = new RunningServer(home,
                "accessLog.pattern=%a %m %U%q %s %b %B %D %{us}T %{X-Trace}i %{Content-Type}o %{sid}c [%{yyyy}t] %%\n")) {
            reply = s.get("/app/hello?x=1", "X-Trace", "t-42", "Cookie", "a=1; sid=abc").body();
            assertEquals(404, s.get("/app/none").status());
        }
        List<String> lines = Files.readAllLines(home.resolve("logs/access.log"));
        assertEquals(2, lines.size(), lines.toString());
        String[] f = lines.get(0).split(" ");
        assertEquals("127.0.0.1", f[0]);
        assertEquals("GET", f[1]);
        assertEquals("/app/hello?x=1", f[2]);
        assertEquals("200", f[3]);
        int bytes = reply.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(Integer.toString(bytes), f[4], "%b");
        assertEquals(Integer.toString(bytes), f[5], "%B");
        assertTrue(Long.parseLong(f[6]) >= 0 && Long.parseLong(f[6]) < 60_000_000L, "%D in microseconds: " + f[6]);
        assertTrue(Long.parseLong(f[7]) >= 0, "%{us}T");
        assertEquals("t-42", f[8]);
        assertTrue(f[9].startsWith("text/plain"), "%{Content-Type}o: " + f[9]);
        assertEquals("abc", f[10]);
        assertTrue(f[11].matches("\\[\\d{4}]"), f[11]);
        assertEquals("%", f[12]);
        assertTrue(lines.get(1).matches("127\\.0\\.0\\.1 GET /app/none 404 \\d+ \\d+ \\d+ \\d+ - text/html.*"), lines.get(1));
    }

    @Test
    void requestsTheEngineRefusesAreLoggedWithTheirFirstLine() throws Exception {
        try (RunningServer s = new RunningServer(home)) {
            assertEquals(400, rawStatus(s.server.port(), "GET /x HTTP/1.1\r\nHost: t\r\nBad Name: x\r\n\r\n"));
            assertEquals(505, rawStatus(s.server.port(), "GET /y HTTP/2.0\r\nHost: t\r\n\r\n"));
            assertEquals(414, rawStatus(s.server.port(), "GET /" + "z".repeat(5000) + " HTTP/1.1\r\nHost: t\r\n\r\n"));
        }
        List<String> lines = Files.readAllLines(home.resolve("logs/access.log"));
        assertEquals(3, lines.size(), lines.toString());
        String combined = "^127\\.0\\.0\\.1 - - \\[[^]]+] \"%s\" %d \\d+ \"-\" \"-\"$";
        assertTrue(lines.stream().anyMatch(l -> l.matches(combined.formatted("GET /x HTTP/1\\.1", 400))), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches(combined.formatted("GET /y HTTP/2\\.0", 505))), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches(combined.formatted("GET /z{1019}\\.\\.\\.", 414))),
                "an over-long first line is cut: " + lines);
    }

    @Test
    void theLogRollsOverAtItsSizeLimitAndKeepsMaxFiles() throws Exception {
        TestWars.annotated().writeTo(Files.createDirectories(home.resolve("webapps")).resolve("app.war"));
        try (RunningServer s = new RunningServer(home, "accessLog.maxBytes=300\naccessLog.maxFiles=2\n")) {
            for (int i = 0; i < 30; i++) {
                assertEquals(200, s.get("/app/hello?i=" + i).status());
            }
        }
        Path logs = home.resolve("logs");
        List<Path> rolled = new RollingFile(logs.resolve("access.log"), new RollingFile.Policy(true, 300, 2)).rolledFiles();
        assertEquals(2, rolled.size(), "kept: " + rolled);
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("access.")).toList()) {
                assertTrue(Files.size(p) <= 300, p + " is " + Files.size(p) + " bytes");
                all.addAll(Files.readAllLines(p));
            }
        }
        assertTrue(all.stream().anyMatch(l -> l.contains("/app/hello?i=29 ")), "the newest line is kept");
        assertTrue(all.stream().noneMatch(l -> l.contains("/app/hello?i=0 ")), "the oldest file was deleted");
        assertTrue(rolled.get(0).getFileName().toString().matches("access\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log"), rolled.toString());
    }

    @Test
    void aBadPatternStopsTheStartNamingTheKey() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/server.properties"), "accessLog.pattern=%h %Z\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.load(home, null, null));
        assertTrue(e.getMessage().contains("accessLog.pattern=%h %Z") && e.getMessage().contains("%Z (at position 4)"),
                e.getMessage());
    }

    private static int rawStatus(int port, String request) throws Exception {
        try (Socket c = new Socket("127.0.0.1", port)) {
            c.setSoTimeout(10_000);
            OutputStream out = c.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = c.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(head.substring(9, 12));
        }
    }
}
