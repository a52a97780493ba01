package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.H2Client;
import io.subito.container.compress.CompressionSettings;
import io.subito.container.http2.Frame;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Servlets over HTTP/2 through the real bridge: the protocol, bodies both ways, async, trailers
 * both ways, the session cookie, a WriteListener against a client that does not open its window,
 * Expect: 100-continue and compression.
 */
class Http2ServletTest {
    static final int BIG = 4 * 1024 * 1024;
    static Subito server;
    static HttpClient http;
    static URI base;
    static final AtomicInteger notReady = new AtomicInteger();
    static volatile CountDownLatch writerWaits = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).compression(CompressionSettings.DEFAULTS.withEnabled(true)).context("/h2", ctx -> {
            ctx.addServlet("info", Servlets.text(r -> r.getProtocol() + " " + r.getMethod() + " " + r.getRequestURI()))
                    .addMapping("/info");
            ctx.addServlet("echo", Servlets.of((req, res) -> {
                byte[] body = req.getInputStream().readAllBytes();
                res.setContentType("application/octet-stream");
                res.getOutputStream().write(body);
            })).addMapping("/echo");
            var async = ctx.addServlet("async", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                new Thread(() -> {
                    try {
                        ac.getResponse().getWriter().print("async on " + req.getProtocol());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    ac.complete();
                }).start();
            }));
            async.setAsyncSupported(true);
            async.addMapping("/async");
            ctx.addServlet("trailers", Servlets.of((req, res) -> {
                String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> in = req.getTrailerFields();
                res.setTrailerFields(() -> Map.of("x-length", Integer.toString(body.length())));
                res.getWriter().print(body + "|" + req.isTrailerFieldsReady() + "|" + in);
            })).addMapping("/trailers");
            ctx.addServlet("session", Servlets.text(r -> r.getSession(true).getId())).addMapping("/session");
            var write = ctx.addServlet("write", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                res.setContentLengthLong(BIG);
                ServletOutputStream out = res.getOutputStream();
                out.setWriteListener(new PatternWriter(ac, out));
            }));
            write.setAsyncSupported(true);
            write.addMapping("/write");
            ctx.addServlet("text", Servlets.of((req, res) -> {
                res.setContentType("text/plain");
                res.getWriter().print("compress me ".repeat(2000));
            })).addMapping("/text");
        }).start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(30)).build();
        base = URI.create("http://127.0.0.1:" + server.port() + "/h2/");
        // the first request upgrades the client's connection to h2c; every later one is a stream on it
        assertEquals(HttpClient.Version.HTTP_2, get("info").version());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes BIG bytes while isReady() says so; returns when it says no, and goes on when called again. */
    static final class PatternWriter implements WriteListener {
        private final AsyncContext ac;
        private final ServletOutputStream out;
        private int written;

        PatternWriter(AsyncContext ac, ServletOutputStream out) {
            this.ac = ac;
            this.out = out;
        }

        @Override
        public void onWritePossible() throws IOException {
            byte[] chunk = new byte[16 * 1024];
            while (written < BIG) {
                if (!out.isReady()) {
                    notReady.incrementAndGet();
                    writerWaits.countDown();
                    return; // no thread waits: the container calls again when the stream has room
                }
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) ('a' + (written + i) % 26);
                }
                out.write(chunk);
                written += chunk.length;
            }
            ac.complete();
        }

        @Override
        public void onError(Throwable t) {
            ac.complete();
        }
    }

    @Test
    void aServletSeesHttp2AndAnswersOnAStream() throws Exception {
        HttpResponse<String> r = get("info");
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals("HTTP/2.0 GET /h2/info", r.body());
    }

    @Test
    void aRequestBodyLargerThanTheWindowsIsReadWhole() throws Exception {
        byte[] body = new byte[700_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("echo")).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertArrayEquals(body, r.body());
    }

    @Test
    void anAsyncServletCompletesItsStreamFromAnotherThread() throws Exception {
        assertEquals("async on HTTP/2.0", get("async").body());
    }

    @Test
    void theSessionCookieComesBackOnTheNextStream() throws Exception {
        HttpResponse<String> first = get("session");
        assertTrue(first.headers().firstValue("set-cookie").orElseThrow().startsWith("JSESSIONID=" + first.body()), first.headers().map().toString());
        HttpResponse<String> second = get("session");
        assertEquals(first.body(), second.body(), "the same session");
        assertTrue(second.headers().firstValue("set-cookie").isEmpty());
    }

    @Test
    void trailerFieldsGoBothWays() throws Exception {
        try (H2Client c = new H2Client(server.port())) {
            c.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/h2/trailers", ":authority", "localhost", "te", "trailers");
            c.w.data(1, "abc".getBytes(StandardCharsets.US_ASCII), 0, 3, false);
            c.queueHeaders(1, true, "x-checksum", "42");
            c.send();
            H2Client.Response r = c.response(1);
            assertEquals("200", r.status());
            assertEquals("abc|true|{x-checksum=42}", r.text());
            assertEquals(Map.of("x-length", "3"), r.trailers());
        }
    }

    @Test
    void expectContinueGetsA100WhenTheServletReadsTheBody() throws Exception {
        try (H2Client c = new H2Client(server.port())) {
            c.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/h2/echo", ":authority", "localhost",
                    "expect", "100-continue", "content-length", "5");
            H2Client.In interim = c.awaitFrame(Frame.HEADERS);
            assertEquals("100", c.fields(interim).get(":status"));
            assertTrue(!interim.has(Frame.FLAG_END_STREAM));
            c.w.data(1, "hello".getBytes(StandardCharsets.US_ASCII), 0, 5, true);
            c.send();
            H2Client.Response r = c.response(1);
            assertEquals("200", r.status());
            assertEquals("hello", r.text());
        }
    }

    @Test
    void responsesAreCompressedAsOverHttp11() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("text")).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals("gzip", r.headers().firstValue("content-encoding").orElseThrow());
        assertTrue(r.body().length < 1000, "compressed: " + r.body().length);
        String text = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("compress me ".repeat(2000), text);
        assertTrue(r.headers().firstValue("content-length").isEmpty(), "a body larger than the buffer is compressed as it streams");
    }

    @Test
    void aWriteListenerIsNotReadyWhileTheClientGrantsNoWindowAndFinishesOnceItDoes() throws Exception {
        notReady.set(0);
        writerWaits = new CountDownLatch(1);
        try (H2Client c = new H2Client(server.port())) {
            c.get(1, "/h2/write");
            assertTrue(writerWaits.await(30, TimeUnit.SECONDS), "isReady() turned false: the window (64 KiB) and the stream's buffer are full");
            // the servlet's thread returned; now the client reads and opens its windows as it goes
            H2Client.Response r = c.response(1);
            assertEquals("200", r.status());
            assertEquals(BIG, r.body().length);
            for (int i = 0; i < BIG; i += 99_991) {
                assertEquals((byte) ('a' + i % 26), r.body()[i]);
            }
            assertTrue(notReady.get() >= 1);
            assertNotNull(r.fields().get("content-length"));
        }
    }

}
