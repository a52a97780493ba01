package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exchanges and output arrays are pooled per loop and held by a connection only while it has a
 * request in hand. With one loop, every connection below draws from the same pools: a head or
 * body that arrives in pieces must keep its exchange across other connections' requests, and an
 * exchange given back must serve the next connection with nothing of the last.
 */
class ExchangePoolingTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    @ParameterizedTest
    @MethodSource(MODES)
    void headsArrivingInPiecesKeepTheirExchangeWhileOtherConnectionsAreServed(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(TestServer.config(mode).loops(1), Handlers.ECHO)) {
            List<RawClient> halves = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                RawClient c = s.connect();
                c.send("GET /half/" + i + " HTTP/1.1\r\nHost: t\r\nX-Id: half-");
                halves.add(c);
            }
            for (int i = 0; i < 20; i++) {
                try (RawClient whole = s.connect()) {
                    whole.send(Handlers.get("/whole/" + i, "X-Id: whole-" + i));
                    RawClient.Response r = whole.read();
                    assertEquals("whole-" + i, r.header("X-Id"));
                    assertEquals("GET /whole/" + i, r.text());
                }
            }
            for (int i = 0; i < 20; i++) {
                halves.get(i).send(i + "\r\nX-Other: " + i + "\r\n\r\n");
            }
            for (int i = 0; i < 20; i++) {
                RawClient.Response r = halves.get(i).read();
                assertEquals("half-" + i, r.header("X-Id"));
                assertEquals("GET /half/" + i, r.text());
                halves.get(i).close();
            }
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void aBodyArrivingInPiecesKeepsItsExchange(ExecutionMode mode) throws Exception {
        // inline, the handler waiting for the body holds the loop, so no other connection is served meanwhile
        assumeTrue(mode != ExecutionMode.INLINE);
        try (TestServer s = TestServer.start(TestServer.config(mode).loops(1), Handlers.ECHO)) {
            RawClient slow = s.connect();
            slow.send("POST /upload HTTP/1.1\r\nHost: t\r\nX-Id: slow\r\nContent-Length: 10\r\n\r\nfirst");
            try (RawClient other = s.connect()) {
                for (int i = 0; i < 5; i++) {
                    other.send(Handlers.get("/other/" + i, "X-Id: other-" + i));
                    assertEquals("GET /other/" + i, other.read().text());
                }
            }
            slow.send("-last");
            RawClient.Response r = slow.read();
            assertEquals("slow", r.header("X-Id"));
            assertEquals("first-last", r.text());
            slow.close();
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void aPipelinedRemainderKeepsItsExchangeUntilItsHeadIsComplete(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(TestServer.config(mode).loops(1), Handlers.ECHO)) {
            RawClient a = s.connect();
            a.send(Handlers.get("/a1", "X-Id: a1") + "GET /a2 HTTP/1.1\r\nHost: t\r\n");
            assertEquals("a1", a.read().header("X-Id"));
            try (RawClient b = s.connect()) {
                b.send(Handlers.get("/b1", "X-Id: b1", "X-Secret: b"));
                RawClient.Response r = b.read();
                assertEquals("b1", r.header("X-Id"));
                assertEquals("2", a.send("X-Id: a2\r\n\r\n").read().header("X-Request-Number"));
            }
            a.close();
        }
    }

    @ParameterizedTest
    @MethodSource(MODES)
    void manyConnectionsInTurnEachGetTheirOwnAnswer(ExecutionMode mode) throws Exception {
        try (TestServer s = TestServer.start(TestServer.config(mode).loops(1), Handlers.ECHO)) {
            for (int i = 0; i < 200; i++) {
                try (RawClient c = s.connect()) {
                    c.send(Handlers.get("/n/" + i, "X-Id: " + i) + Handlers.get("/n/" + i + "/again", "X-Id: " + i + "b"));
                    RawClient.Response first = c.read();
                    RawClient.Response second = c.read();
                    assertEquals(Integer.toString(i), first.header("X-Id"));
                    assertEquals("1", first.header("X-Request-Number"));
                    assertEquals(i + "b", second.header("X-Id"));
                    assertEquals("GET /n/" + i + "/again", second.text());
                }
            }
        }
    }

    /** A servlet's setBufferSize is for its own response: the next request, on any connection, starts with the default. */
    @ParameterizedTest
    @MethodSource(MODES)
    void aBufferSizeChosenByOneRequestDoesNotCarryOver(ExecutionMode mode) throws Exception {
        HttpHandler handler = ex -> {
            if (ex.request().path().equals("/small")) {
                ex.response().bufferSize(16);
            }
            ex.response().output().write(new byte[1000]);
        };
        try (TestServer s = TestServer.start(TestServer.config(mode).loops(1), handler)) {
            RawClient a = s.connect();
            a.send(Handlers.get("/small"));
            RawClient.Response small = a.read();
            assertEquals("chunked", small.header("Transfer-Encoding"), "1000 bytes overflow a 16-byte buffer");
            assertEquals(1000, small.body.length);
            for (RawClient c : new RawClient[] {a, s.connect()}) {
                c.send(Handlers.get("/default"));
                RawClient.Response r = c.read();
                assertEquals("1000", r.header("Content-Length"), "the default buffer holds the whole body");
                assertEquals(1000, r.body.length);
                c.close();
            }
        }
    }
}
