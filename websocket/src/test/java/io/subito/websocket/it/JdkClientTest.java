package io.subito.websocket.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Annotated endpoints over a real socket with the JDK's java.net.http.WebSocket client. */
class JdkClientTest {
    static WsTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WsTestServer.standard();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void textAndBinaryMessagesComeBackFromTheEchoEndpointInOrder() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(server.uri("/echo"));
        for (int i = 0; i < 50; i++) {
            c.ws.sendText("message " + i, true).get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 50; i++) {
            assertEquals("text:message " + i, c.next());
        }
        byte[] data = new byte[40_000];
        new Random(7).nextBytes(data);
        c.ws.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
        assertEquals("binary:40000", c.next());
        assertArrayEquals(data, c.lastBinary);
        c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertEquals("close:1000:", c.next());
        assertTrue(Endpoints.await("echo-closed:1000"));
    }

    @Test
    void aMessageSentInFragmentsArrivesWhole() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(server.uri("/echo"));
        c.ws.sendText("frag", false).get(10, TimeUnit.SECONDS);
        c.ws.sendText("ment", false).get(10, TimeUnit.SECONDS);
        c.ws.sendText("ed €", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:fragmented €", c.next());
        c.ws.abort();
    }

    @Test
    void aPingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(server.uri("/echo"));
        c.ws.sendPing(ByteBuffer.wrap("are you there".getBytes())).get(10, TimeUnit.SECONDS);
        assertEquals("pong:are you there", c.next());
        c.ws.sendPong(ByteBuffer.wrap("unasked".getBytes())).get(10, TimeUnit.SECONDS);
        assertTrue(Endpoints.await("pong:unasked"));
        c.ws.abort();
    }

    @Test
    void pathTemplatesGiveTheirParametersAndAnExactPathWinsOverAVariable() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(server.uri("/rooms/blue/users/42?q=x"));
        c.ws.sendText("hi", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:room blue user 42 [x]: hi (open 1)", c.next());
        WsTestServer.Client lobby = new WsTestServer.Client(server.uri("/rooms/lobby/users/ada"));
        lobby.ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:lobby ada: hello", lobby.next());
        c.ws.abort();
        lobby.ws.abort();
    }

    @Test
    void aPartialHandlerGetsTheFragmentsAsParts() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(server.uri("/parts"));
        c.ws.sendText("one", false).get(10, TimeUnit.SECONDS);
        c.ws.sendText("two", false).get(10, TimeUnit.SECONDS);
        c.ws.sendText("three", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:3 parts, 11 chars", c.next());
        c.ws.abort();
    }

    @Test
    void anEndpointClosingTheSessionSendsItsCodeAndHearsOnClose() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(server.uri("/closer"));
        c.ws.sendText("4001", true).get(10, TimeUnit.SECONDS);
        assertEquals("close:4001:as asked", c.next());
        assertTrue(Endpoints.await("closer-closed:4001"));
    }

    @Test
    void anExceptionInOnMessageGoesToOnErrorAndTheSessionStaysOpen() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(server.uri("/thrower"));
        c.ws.sendText("boom", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:error boom", c.next());
        c.ws.sendText("again", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:ok again", c.next());
        c.ws.abort();
    }

    @Test
    void aMessageOverTheSessionsOwnLimitCloses1009() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(server.uri("/small"));
        c.ws.sendText("0123456789", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:0123456789", c.next());
        c.ws.sendText("0123456789+", true).get(10, TimeUnit.SECONDS);
        assertEquals("close:1009:text message larger than 10 bytes", c.next());
    }

    @Test
    void aPathWithoutAnEndpointIsNotUpgraded() throws Exception {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> new WsTestServer.Client(server.uri("/nothing-here")));
        java.net.http.WebSocketHandshakeException h = (java.net.http.WebSocketHandshakeException) e.getCause();
        assertEquals(404, h.getResponse().statusCode());
    }
}
