package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's protocol behaviour in memory, through the real connection and batch runner
 * ({@link LocalConnector}): framing, pipelining and errors without a socket. The socket tests
 * cover the same ground over the network; these are the fast ones.
 */
class LocalConnectorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final LocalConnector local = new LocalConnector(Handlers.ECHO);

    private static String post(String path, String body, String... headers) {
        StringBuilder sb = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: t\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        return sb.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body).toString();
    }

    @Test
    void aCompleteResponseGetsItsExactContentLength() throws IOException {
        RawClient.Response r = RawClient.parsing(local.responses(Handlers.get("/hello"))).read();
        assertEquals(200, r.status);
        assertEquals("GET /hello", r.text());
        assertEquals("10", r.header("Content-Length"));
        assertNull(r.header("Transfer-Encoding"));
        assertTrue(r.hasHeader("Date"));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAndTheConnectionStaysOpen() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            all.append(Handlers.get("/r/" + i, "X-Id: " + i));
        }
        try (LocalConnector.Endpoint c = local.connect()) {
            RawClient replies = RawClient.parsing(c.send(all.toString()).takeOutput());
            for (int i = 0; i < 50; i++) {
                RawClient.Response r = replies.read();
                assertEquals(Integer.toString(i), r.header("X-Id"));
                assertEquals(Integer.toString(i + 1), r.header("X-Request-Number"));
                assertFalse(r.closes());
            }
            assertTrue(replies.atEnd());
            assertTrue(c.isOpen() && !c.isOutputShutdown(), c.toString());
        }
    }

    @Test
    void aPipelineLargerThanTheInputBufferIsServedWhole() throws IOException {
        LocalConnector small = new LocalConnector(new ServerConfig().bufferSize(4096)
                .limits(new io.subito.container.http.HttpLimits(2048, 1024, 100, 256, 2048)).maxPipelined(7), Handlers.ECHO);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            all.append(Handlers.get("/p/" + i, "X-Id: " + i, "X-Filler: " + "f".repeat(180)));
        }
        RawClient replies = RawClient.parsing(small.responses(all.toString()));
        for (int i = 0; i < 100; i++) {
            assertEquals(Integer.toString(i), replies.read().header("X-Id"));
        }
    }

    @Test
    void aHeadArrivingInPiecesIsServedOnceComplete() throws IOException {
        try (LocalConnector.Endpoint c = local.connect()) {
            String request = Handlers.get("/split", "X-Id: 7");
            for (int i = 0; i < request.length() - 1; i++) {
                c.send(request.substring(i, i + 1));
                assertEquals("", c.takeText(), "served before the head was complete");
            }
            c.send(request.substring(request.length() - 1));
            assertEquals("7", RawClient.parsing(c.takeOutput()).read().header("X-Id"));
        }
    }

    @Test
    void aBodySentWithItsHeadIsReadByTheHandler() throws IOException {
        RawClient replies = RawClient.parsing(local.responses(post("/b", "hello body")
                + "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nchunk\r\n0\r\nX-T: 1\r\n\r\n"));
        assertEquals("hello body", replies.read().text());
        RawClient.Response chunked = replies.read();
        assertEquals("chunk", chunked.text());
        assertEquals("{x-t=1}", chunked.header("X-Trailers"));
    }

    @Test
    void aBodyCutShortByTheClientIsA400AndTheConnectionCloses() throws IOException {
        try (LocalConnector.Endpoint c = local.connect()) {
            c.sendLast("POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc");
            RawClient.Response r = RawClient.parsing(c.takeOutput()).read();
            assertEquals(400, r.status);
            assertTrue(r.text().contains("connection closed before the end of the body"), r.text());
            assertFalse(c.isOpen());
        }
    }

    @Test
    void aHandlerReadingPastTheBytesSentFailsAsOnAReadTimeout() throws IOException {
        try (LocalConnector.Endpoint c = local.connect()) {
            c.send("POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc");
            RawClient.Response r = RawClient.parsing(c.takeOutput()).read();
            assertEquals(500, r.status, "the handler's read failed with an IOException, as on a socket that stays silent");
        }
    }

    @Test
    void aMalformedRequestIsRefusedWithItsCauseAndTheConnectionHalfClosed() throws IOException {
        try (LocalConnector.Endpoint c = local.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n");
            RawClient.Response r = RawClient.parsing(c.takeOutput()).read();
            assertEquals(400, r.status);
            assertTrue(r.closes());
            assertTrue(r.text().startsWith("400 Bad Request: "), r.text());
            assertTrue(c.isOutputShutdown(), "the refusal ends the connection");
            c.shutdownOutput();
            assertFalse(c.isOpen(), "closed on the client's FIN");
        }
    }

    @Test
    void requestsAfterARefusedOneInTheSamePipelineAreNotServed() throws IOException {
        RawClient replies = RawClient.parsing(local.responses(Handlers.get("/ok")
                + "GET /bad path HTTP/1.1\r\nHost: t\r\n\r\n" + Handlers.get("/never")));
        assertEquals(200, replies.read().status);
        assertEquals(400, replies.read().status);
        assertTrue(replies.atEnd());
    }

    @Test
    void aStreamedResponseIsChunkedOnHttp11AndCloseDelimitedOnHttp10() throws IOException {
        LocalConnector streaming = new LocalConnector(exchange -> {
            exchange.response().output().write("part one, ".getBytes(StandardCharsets.US_ASCII));
            exchange.response().flush();
            exchange.response().output().write("part two".getBytes(StandardCharsets.US_ASCII));
        });
        RawClient.Response http11 = RawClient.parsing(streaming.responses(Handlers.get("/s"))).read();
        assertEquals("chunked", http11.header("Transfer-Encoding"));
        assertEquals("part one, part two", http11.text());
        assertFalse(http11.closes());
        try (LocalConnector.Endpoint c = streaming.connect()) {
            c.send("GET /s HTTP/1.0\r\n\r\n");
            String raw = c.takeText();
            assertFalse(raw.contains("Transfer-Encoding"), raw);
            assertFalse(raw.contains("Content-Length"), raw);
            assertTrue(raw.contains("Connection: close\r\n") && raw.endsWith("\r\n\r\npart one, part two"), raw);
            assertTrue(c.isOutputShutdown(), "the close ends the body");
        }
    }

    @Test
    void anHttp10KeepAliveClientIsToldItStaysOpen() throws IOException {
        try (LocalConnector.Endpoint c = local.connect()) {
            RawClient.Response r = RawClient.parsing(c.send("GET /k HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").takeOutput()).read();
            assertEquals("keep-alive", r.header("Connection"));
            assertEquals("GET /k", r.text());
            assertFalse(c.isOutputShutdown());
        }
    }

    @Test
    void aHeadRequestGetsTheHeadersOfTheBodyButNoBody() throws IOException {
        try (LocalConnector.Endpoint c = local.connect()) {
            c.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\n" + Handlers.get("/after"));
            RawClient replies = RawClient.parsing(c.takeOutput());
            RawClient.Response head = replies.read(true);
            assertEquals("7", head.header("Content-Length"), "the length of \"HEAD /h\"");
            assertEquals("GET /after", replies.read().text(), "nothing of the HEAD body came before the next response");
        }
    }

    @Test
    void bodylessStatusesSendNoBodyWhateverTheHandlerWrote() throws IOException {
        LocalConnector noContent = new LocalConnector(exchange -> {
            exchange.response().status(204);
            exchange.response().output().write("ignored".getBytes(StandardCharsets.US_ASCII));
        });
        String raw = noContent.responses(Handlers.get("/n") + Handlers.get("/n"));
        assertTrue(raw.startsWith("HTTP/1.1 204 No Content\r\n"), raw);
        assertFalse(raw.contains("ignored") || raw.contains("Content-Length"), raw);
        RawClient replies = RawClient.parsing(raw);
        assertEquals(204, replies.read().status);
        assertEquals(204, replies.read().status);
    }

    @Test
    void aFailingHandlerGetsA500AndTheNextRequestIsServed() throws IOException {
        LocalConnector failing = new LocalConnector(exchange -> {
            if (exchange.request().pathEquals("/fail")) {
                throw new IllegalStateException("boom (expected by the test)");
            }
            Handlers.ECHO.handle(exchange);
        });
        RawClient replies = RawClient.parsing(failing.responses(Handlers.get("/fail") + Handlers.get("/next")));
        assertEquals(500, replies.read().status);
        assertEquals("GET /next", replies.read().text());
    }

    @Test
    void connectionCloseEndsTheConnectionAfterItsResponse() throws IOException {
        try (LocalConnector.Endpoint c = local.connect()) {
            c.send(Handlers.get("/last", "Connection: close") + Handlers.get("/never"));
            RawClient replies = RawClient.parsing(c.takeOutput());
            assertTrue(replies.read().closes());
            assertTrue(replies.atEnd());
            assertTrue(c.isOutputShutdown());
        }
    }

    @Test
    void anAsyncResponseCompletedOnAnotherThreadKeepsThePipelineInOrder() throws IOException {
        LocalConnector async = new LocalConnector(exchange -> {
            if (exchange.request().pathEquals("/slow")) {
                exchange.startAsync();
                CompletableFuture.runAsync(() -> {
                    try {
                        exchange.response().output().write("slow".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    exchange.complete();
                }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
                return;
            }
            Handlers.ECHO.handle(exchange);
        });
        try (LocalConnector.Endpoint c = async.connect()) {
            c.send(Handlers.get("/first") + Handlers.get("/slow") + Handlers.get("/third"));
            c.awaitIdle(WAIT);
            RawClient replies = RawClient.parsing(c.takeOutput());
            assertEquals("GET /first", replies.read().text());
            assertEquals("slow", replies.read().text());
            assertEquals("GET /third", replies.read().text());
        }
    }

    @Test
    void awaitingAResponseThatNeverCompletesFailsNamingTheConnectionState() {
        LocalConnector never = new LocalConnector(HttpExchange::startAsync);
        try (LocalConnector.Endpoint c = never.connect()) {
            c.send(Handlers.get("/never"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.awaitIdle(Duration.ofMillis(50)));
            assertTrue(e.getMessage().contains("ASYNC"), e.getMessage());
        }
    }

    @Test
    void anUpgradedConnectionGetsTheBytesSentAfterTheUpgradeRequest() throws IOException {
        LocalConnector upgrading = new LocalConnector(exchange -> {
            exchange.response().setHeader("Upgrade", "echo");
            exchange.upgrade(raw -> {
                try {
                    InputStream in = raw.input();
                    byte[] ping = in.readNBytes(4);
                    OutputStream out = raw.output();
                    out.write("pong:".getBytes(StandardCharsets.US_ASCII));
                    out.write(ping);
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        });
        try (LocalConnector.Endpoint c = upgrading.connect()) {
            c.send("GET /u HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\nping");
            String raw = c.takeText();
            assertTrue(raw.startsWith("HTTP/1.1 101 "), raw);
            assertTrue(raw.endsWith("\r\n\r\npong:ping"), "the bytes after the request went to the new protocol: " + raw);
        }
    }

    @Test
    void binaryBodiesPassUnchanged() throws IOException {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        byte[] head = ("POST /bin HTTP/1.1\r\nHost: t\r\nContent-Length: 256\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        assertArrayEquals(body, RawClient.parsing(local.responses(request)).read().body);
    }

    @Test
    void trailersAskedForByTheHandlerGoOutWithAChunkedBody() throws IOException {
        LocalConnector trailing = new LocalConnector(exchange -> {
            exchange.response().trailers(() -> Map.of("X-Checksum", "42"));
            exchange.response().output().write("data".getBytes(StandardCharsets.US_ASCII));
        });
        RawClient.Response r = RawClient.parsing(trailing.responses(Handlers.get("/t"))).read();
        assertEquals("chunked", r.header("Transfer-Encoding"));
        assertEquals("data", r.text());
        assertEquals(java.util.List.of("42"), r.trailers.get("x-checksum"));
    }
}
