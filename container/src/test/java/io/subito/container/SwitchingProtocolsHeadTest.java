package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Connection header of a 101 over real sockets: the application's {@code Connection: Upgrade}
 * goes out beside Upgrade (RFC 9110 section 7.8, RFC 6455 section 4.1), or the engine adds it,
 * while on every other response the engine still owns Connection.
 */
class SwitchingProtocolsHeadTest {
    /** /up: 101 with the app's own Connection header; /bare: Upgrade only; /plain: 200 with an app Connection header. */
    static final HttpHandler HANDLER = exchange -> {
        String path = exchange.request().path();
        HttpResponse res = exchange.response();
        res.setHeader("Upgrade", "echo");
        if (path.equals("/bare")) {
            exchange.upgrade(SwitchingProtocolsHeadTest::greet);
            return;
        }
        res.setHeader("Connection", "Upgrade");
        if (path.equals("/up")) {
            exchange.upgrade(SwitchingProtocolsHeadTest::greet);
            return;
        }
        res.output().write("plain".getBytes(StandardCharsets.ISO_8859_1));
    };

    static void greet(UpgradedConnection c) {
        try {
            c.output().write("hi".getBytes(StandardCharsets.ISO_8859_1));
            c.output().flush();
        } catch (IOException e) {
            c.close();
        }
    }

    private static RawClient.Response switchTo(TestServer server, String path) throws IOException {
        RawClient c = server.connect();
        c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n");
        RawClient.Response r = c.read();
        assertEquals(101, r.status);
        assertEquals("hi", new String(c.readFully(2), StandardCharsets.ISO_8859_1), "the new protocol's first bytes");
        return r;
    }

    @Test
    void theApplicationsConnectionUpgradeIsKeptOnA101() throws Exception {
        try (TestServer server = TestServer.start(ExecutionMode.POOL, HANDLER)) {
            RawClient.Response r = switchTo(server, "/up");
            assertEquals(List.of("Upgrade"), r.headers.get("connection"));
            assertEquals("echo", r.header("Upgrade"));
        }
    }

    @Test
    void aSwitchWithoutAConnectionHeaderGetsOneFromTheEngine() throws Exception {
        try (TestServer server = TestServer.start(ExecutionMode.INLINE, HANDLER)) {
            RawClient.Response r = switchTo(server, "/bare");
            assertEquals(List.of("Upgrade"), r.headers.get("connection"));
        }
    }

    @Test
    void anyOtherResponseStillLosesTheApplicationsConnectionHeader() throws Exception {
        try (TestServer server = TestServer.start(ExecutionMode.POOL, HANDLER)) {
            RawClient c = server.connect();
            c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.read();
            assertEquals(200, r.status);
            assertEquals("plain", r.text());
            assertNull(r.header("Connection"), r.toString());
            c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.read().status, "the connection stayed open and in HTTP");
        }
    }
}
