package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.compress.CompressionSettings;
import io.subito.servlet.config.RequestLimits;
import java.io.ByteArrayInputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server main's configuration handling, port conflicts and access log. */
class ServerTest {
    @TempDir
    Path home;

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        for (List<String> bad : List.of(List.of("port", "http"), List.of("port", "70000"), List.of("execution", "fast"),
                List.of("threads", "0"), List.of("accessLog", "maybe"), List.of("scanIntervalMillis", "10"),
                List.of("bufferSize", "5000"), List.of("work", "."), List.of("work", "webapps"),
                List.of("maxFormBytes", "-1"), List.of("maxFormBytes", "2MiB"), List.of("maxParameterCount", "lots"),
                List.of("maxParameterCount", "3000000000"), List.of("maxMultipartBytes", "4294967296"),
                List.of("maxPartCount", "-1"), List.of("maxPartCount", "many"), List.of("maxPartHeaderBytes", "1KiB"),
                List.of("crossContext", "maybe"), List.of("maxRanges", "0"), List.of("maxRanges", "many"),
                List.of("relativeRedirects", "sometimes"), List.of("failOnDeployError", "sometimes"),
                List.of("compression", "sometimes"), List.of("compressionMinBytes", "-1"),
                List.of("compressionMinBytes", "2KiB"), List.of("compressibleTypes", "text"),
                List.of("compressibleTypes", "*/*"), List.of("compressionExcludedUserAgents", "ok,[bad"),
                List.of("websocket.maxTextMessageBytes", "0"),
                List.of("websocket.maxBinaryMessageBytes", "64KiB"), List.of("websocket.idleTimeoutMillis", "-5"),
                List.of("websocket.closeTimeoutMillis", "0"), List.of("websocket.asyncSendTimeoutMillis", "soon"),
                List.of("websocket.maxQueuedBytes", "0"), List.of("websocket.permessageDeflate", "sometimes"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServerSettings.from(home, props(bad.get(0), bad.get(1)), null));
            assertTrue(e.getMessage().contains(bad.get(0)), e.getMessage());
        }
    }

    @Test
    void theShippedConfigurationIsValidAndDocumentsEveryEngineKey() throws Exception {
        Path conf = Path.of("..", "conf", "server.properties"); // tests run in war-deployer/
        Properties p = new Properties();
        try (var in = Files.newInputStream(conf)) {
            p.load(in);
        }
        ServerSettings s = ServerSettings.from(home, p, null);
        assertEquals(8080, s.engine().port());
        assertEquals(RequestLimits.DEFAULTS.toString(), s.requestLimits().toString(), "shipped limits are the defaults");
        assertEquals(CompressionSettings.DEFAULTS.toString(), s.compression().toString(), "shipped compression is the default");
        assertEquals(io.subito.servlet.config.ResponseSettings.DEFAULTS.toString(), s.responseSettings().toString(),
                "shipped response settings are the defaults");
        assertEquals(io.subito.websocket.session.WsSettings.DEFAULTS, s.webSocket(), "shipped WebSocket settings are the defaults");
        String text = Files.readString(conf);
        for (String key : List.of("bind", "port", "loops", "execution", "threads", "maxConnections", "bufferSize",
                "responseBufferSize", "writeHighWater", "maxPipelined", "keepAliveTimeoutMillis", "headTimeoutMillis",
                "ioTimeoutMillis", "shutdownGraceMillis", "maxBodyDrainBytes", "maxHeadBytes", "maxTargetLength",
                "maxHeaders", "maxChunkExtensionBytes", "maxTrailerBytes", "webapps", "work", "scanIntervalMillis",
                "releaseGraceMillis", "logs", "accessLog", "maxFormBytes", "maxParameterCount", "maxMultipartBytes",
                "maxPartCount", "maxPartHeaderBytes", "crossContext", "maxRanges", "relativeRedirects",
                "failOnDeployError", "compression", "compressionMinBytes", "compressibleTypes", "compressionExcludedUserAgents",
                "websocket.maxTextMessageBytes",
                "websocket.maxBinaryMessageBytes", "websocket.idleTimeoutMillis", "websocket.closeTimeoutMillis",
                "websocket.asyncSendTimeoutMillis", "websocket.maxQueuedBytes", "websocket.permessageDeflate")) {
            assertTrue(text.contains(key + "="), "conf/server.properties documents " + key);
        }
    }

    @Test
    void requestLimitsInServerPropertiesReachEveryDeployedApp() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        TestWars.params().writeTo(home.resolve("webapps/app.war"));
        try (RunningServer s = new RunningServer(home, "maxFormBytes=8\nmaxParameterCount=2\n")) {
            assertEquals(8, s.server.deployer().deployments().iterator().next().context().requestLimits().maxFormBytes());
            assertEquals("[a, b]", s.postForm("/app/params", "a=1&b=22").body(), "8 bytes: parsed");
            RunningServer.Reply over = s.postForm("/app/params", "a=1&b=222");
            assertEquals(200, over.status());
            assertEquals("[]", over.body(), "9 bytes: over maxFormBytes, not parsed");
            assertEquals("[a, b]", s.get("/app/params?a&b&c").body(), "maxParameterCount=2");
        }
    }

    @Test
    void multipartLimitsInServerPropertiesReachEveryDeployedApp() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        TestWars.params().writeTo(home.resolve("webapps/app.war"));
        String type = "multipart/form-data; boundary=b";
        String field = "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n"; // a 44-byte header section
        try (RunningServer s = new RunningServer(home, "maxPartCount=2\nmaxPartHeaderBytes=44\n")) {
            assertEquals("parts=2", s.post("/app/parts", type, field.repeat(2) + "--b--\r\n").body());
            RunningServer.Reply tooMany = s.post("/app/parts", type, field.repeat(3) + "--b--\r\n");
            assertEquals(413, tooMany.status());
            assertTrue(tooMany.body().contains("maxPartCount=2"), tooMany.body());
            RunningServer.Reply longHeader = s.post("/app/parts", type, field.replace("\"f\"", "\"fg\"") + "--b--\r\n");
            assertEquals(413, longHeader.status());
            assertTrue(longHeader.body().contains("maxPartHeaderBytes=44"), longHeader.body());
        }
    }

    @Test
    void webSocketSettingsInServerPropertiesReachEveryDeployedApp() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        new WarBuilder().webInfClasses(org.example.ws.ChatEndpoint.class, org.example.ws.ContainerServlet.class)
                .writeTo(home.resolve("webapps/chat.war"));
        try (RunningServer s = new RunningServer(home, "websocket.maxTextMessageBytes=40\nwebsocket.permessageDeflate=false\n")) {
            s.awaitStatus("/chat/container", 200);
            java.util.concurrent.BlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(java.net.URI.create("ws://127.0.0.1:" + s.server.port() + "/chat/chat/ada"), new java.net.http.WebSocket.Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
                            got.add(data.toString());
                            w.request(1);
                            return null;
                        }

                        @Override
                        public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket w, int code, String reason) {
                            got.add("close " + code);
                            return null;
                        }
                    }).get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("welcome ada", got.poll(20, java.util.concurrent.TimeUnit.SECONDS));
            ws.sendText("x".repeat(40), true).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(got.poll(20, java.util.concurrent.TimeUnit.SECONDS).startsWith("ada said"), "40 bytes: taken");
            ws.sendText("x".repeat(41), true).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("close 1009", got.poll(20, java.util.concurrent.TimeUnit.SECONDS), "41 bytes: over websocket.maxTextMessageBytes");
            try (java.net.Socket raw = new java.net.Socket("127.0.0.1", s.server.port())) {
                raw.setSoTimeout(20_000);
                raw.getOutputStream().write(("GET /chat/chat/bo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                StringBuilder h = new StringBuilder();
                while (!h.toString().endsWith("\r\n\r\n")) {
                    int c = raw.getInputStream().read();
                    if (c < 0) {
                        break;
                    }
                    h.append((char) c);
                }
                String head = h.toString();
                assertTrue(head.startsWith("HTTP/1.1 101"), head);
                assertTrue(!head.toLowerCase(java.util.Locale.ROOT).contains("permessage-deflate"), "not offered when off: " + head);
            }
        }
    }

    @Test
    void compressionInServerPropertiesReachesEveryDeployedApp() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        String text = "compressible text ".repeat(400); // 7200 bytes
        new WarBuilder().add("page.txt", text).add("page.css", text).writeTo(home.resolve("webapps/app.war"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RunningServer s = new RunningServer(home)) {
            HttpResponse<byte[]> plain = client.send(gzipRequest(s, "/app/page.txt"), HttpResponse.BodyHandlers.ofByteArray());
            assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "off by default");
            assertEquals(text, new String(plain.body(), StandardCharsets.UTF_8));
        }
        try (RunningServer s = new RunningServer(home, "compression=on\ncompressibleTypes=text/css\n")) {
            assertTrue(s.server.deployer().deployments().iterator().next().context().compression().enabled());
            HttpResponse<byte[]> css = client.send(gzipRequest(s, "/app/page.css"), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("gzip", css.headers().firstValue("Content-Encoding").orElse(null));
            try (var in = new GZIPInputStream(new ByteArrayInputStream(css.body()))) {
                assertEquals(text, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            HttpResponse<byte[]> txt = client.send(gzipRequest(s, "/app/page.txt"), HttpResponse.BodyHandlers.ofByteArray());
            assertTrue(txt.headers().firstValue("Content-Encoding").isEmpty(), "text/plain is not in compressibleTypes");
        }
        try (RunningServer s = new RunningServer(home, "compression=on\ncompressionMinBytes=8000\n")) {
            HttpResponse<byte[]> css = client.send(gzipRequest(s, "/app/page.css"), HttpResponse.BodyHandlers.ofByteArray());
            assertTrue(css.headers().firstValue("Content-Encoding").isEmpty(), "7200 bytes are below compressionMinBytes");
        }
        try (RunningServer s = new RunningServer(home, "compression=on\ncompressionExcludedUserAgents=gozilla/.*, .*MSIE 6\\\\.0.*\n")) {
            for (String excluded : List.of("gozilla/1.0", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)")) {
                HttpResponse<byte[]> css = client.send(HttpRequest.newBuilder(gzipRequest(s, "/app/page.css"), (n, v) -> true)
                        .header("User-Agent", excluded).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertTrue(css.headers().firstValue("Content-Encoding").isEmpty(), excluded + " is excluded");
                assertEquals(text, new String(css.body(), StandardCharsets.UTF_8));
            }
            HttpResponse<byte[]> other = client.send(HttpRequest.newBuilder(gzipRequest(s, "/app/page.css"), (n, v) -> true)
                    .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("gzip", other.headers().firstValue("Content-Encoding").orElse(null), "another client gets gzip");
        }
    }

    private static HttpRequest gzipRequest(RunningServer s, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.server.port() + path))
                .header("Accept-Encoding", "gzip").timeout(RunningServer.PATIENCE).build();
    }

    @Test
    void responseSettingsInServerPropertiesReachEveryDeployedApp() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        new WarBuilder().add("dir/a.txt", "abcdef").writeTo(home.resolve("webapps/app.war"));
        try (RunningServer s = new RunningServer(home)) {
            RunningServer.Reply moved = s.get("/app/dir");
            assertEquals(302, moved.status());
            assertEquals("/app/dir/", moved.raw().headers().firstValue("Location").orElseThrow(), "relative by default");
            assertEquals(206, s.get("/app/dir/a.txt", "Range", "bytes=0-0,2-2,4-4").status());
        }
        try (RunningServer s = new RunningServer(home, "maxRanges=2\nrelativeRedirects=false\n")) {
            RunningServer.Reply moved = s.get("/app/dir");
            assertEquals("http://127.0.0.1:" + s.server.port() + "/app/dir/",
                    moved.raw().headers().firstValue("Location").orElseThrow());
            RunningServer.Reply refused = s.get("/app/dir/a.txt", "Range", "bytes=0-0,2-2,4-4");
            assertEquals(416, refused.status());
            assertTrue(refused.body().contains("maxRanges=2"), refused.body());
            assertEquals(206, s.get("/app/dir/a.txt", "Range", "bytes=0-0,2-2").status());
        }
    }

    @Test
    void commandLineOverridesAndRefusesUnknownOptions() {
        CommandLine cl = CommandLine.parse(new String[] {"--port", "9090", "--webapps", "/srv/apps"});
        assertEquals(9090, cl.port());
        assertEquals(Path.of("/srv/apps"), cl.webapps());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--prot", "1"}))
                .getMessage().contains("--prot"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--port", "x"}))
                .getMessage().contains("--port x"));
    }

    @Test
    void aPortInUseIsABindException() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Files.createDirectories(home.resolve("conf"));
            Files.writeString(home.resolve("conf/server.properties"), "bind=127.0.0.1\nport=" + taken.getLocalPort() + "\n");
            Server server = new Server(ServerSettings.load(home, null, null));
            assertThrows(BindException.class, server::start);
        }
    }

    @Test
    void everyAppPresentAtStartIsServedWhenStartReturns() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        for (String name : List.of("one", "two", "three", "four")) {
            TestWars.annotated().writeTo(home.resolve("webapps/" + name + ".war"));
        }
        TestWars.declared("root").writeTo(home.resolve("webapps/ROOT.war"));
        try (RunningServer s = new RunningServer(home, "accessLog=false\n")) {
            for (String name : List.of("one", "two", "three", "four")) {
                assertEquals("Hello from /" + name + " tccl=true", s.get("/" + name + "/hello").body());
            }
            assertEquals("root from  tccl=true", s.get("/greet").body());
            assertEquals(5, s.server.deployer().deployments().size());
        }
        assertTrue(Files.notExists(home.resolve("logs/access.log")), "accessLog=false");
    }

    @Test
    void requestsAreLoggedInCombinedFormat() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        TestWars.annotated().writeTo(home.resolve("webapps/app.war"));
        try (RunningServer s = new RunningServer(home)) {
            assertEquals(200, s.get("/app/hello?x=1").status());
            assertEquals(404, s.get("/nowhere").status());
        }
        List<String> lines = Files.readAllLines(home.resolve("logs/access.log"));
        assertEquals(2, lines.size(), lines.toString());
        String combined = "^127\\.0\\.0\\.1 - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] "
                + "\"GET %s HTTP/1\\.1\" %d (\\d+|-) \"-\" \"[^\"]+\"$";
        assertTrue(lines.get(0).matches(combined.formatted("/app/hello\\?x=1", 200)), lines.get(0));
        assertTrue(lines.get(1).matches(combined.formatted("/nowhere", 404)), lines.get(1));
    }
}
