package io.subito.websocket.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.websocket.frame.ClientFrames;
import io.subito.websocket.frame.Opcode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad frames and bad handshakes over a raw socket: each gets its RFC 6455 close code or HTTP status, and the connection ends. */
class ErrorCloseCodesTest {
    static WsTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WsTestServer.standard();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private void assertRefused(byte[] frames, int code) throws Exception {
        try (RawWsClient c = RawWsClient.open(server.port(), "/app/echo")) {
            c.send(frames);
            RawWsClient.Frame f = c.read();
            assertEquals(Opcode.CLOSE, f.opcode(), "a close frame");
            assertEquals(code, f.closeCode(), f.text());
            c.send(new ClientFrames().close(code, "").bytes());
            assertTrue(c.closedByServer(), "the server closes the connection after the close handshake");
        }
    }

    @Test
    void anUnmaskedFrameGets1002() throws Exception {
        assertRefused(new ClientFrames().frame(0x80, Opcode.TEXT, "hi".getBytes(), false).bytes(), 1002);
    }

    @Test
    void reservedBitsAndOpcodesGet1002() throws Exception {
        assertRefused(new ClientFrames().frame(0x90, Opcode.TEXT, "hi".getBytes(), true).bytes(), 1002);
        assertRefused(new ClientFrames().frame(0xC0, Opcode.TEXT, "hi".getBytes(), true).bytes(), 1002);
        assertRefused(new ClientFrames().frame(0x80, 5, "hi".getBytes(), true).bytes(), 1002);
        assertRefused(new ClientFrames().frame(0x80, 0xF, "hi".getBytes(), true).bytes(), 1002);
    }

    @Test
    void badControlFramesGet1002() throws Exception {
        assertRefused(new ClientFrames().frame(false, Opcode.PING, "p".getBytes()).bytes(), 1002);
        assertRefused(new ClientFrames().frame(true, Opcode.PONG, new byte[126]).bytes(), 1002);
        assertRefused(new ClientFrames().frame(true, Opcode.CLOSE, new byte[] {3}).bytes(), 1002);
        assertRefused(new ClientFrames().close(1004, "").bytes(), 1002);
        assertRefused(new ClientFrames().close(2999, "").bytes(), 1002);
    }

    @Test
    void aContinuationWithoutAMessageAndAMessageInsideAnotherGet1002() throws Exception {
        assertRefused(new ClientFrames().frame(true, Opcode.CONTINUATION, "x".getBytes()).bytes(), 1002);
        assertRefused(new ClientFrames().frame(false, Opcode.TEXT, "x".getBytes()).frame(true, Opcode.BINARY, "y".getBytes()).bytes(), 1002);
    }

    @Test
    void aSixtyThreeBitLengthWithTheTopBitSetGets1002() throws Exception {
        assertRefused(new byte[] {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, 1002);
    }

    @Test
    void invalidUtf8Gets1007EvenAcrossFragments() throws Exception {
        assertRefused(new ClientFrames().frame(true, Opcode.TEXT, new byte[] {(byte) 0xCE, (byte) 0xBA, (byte) 0xFF}).bytes(), 1007);
        byte[] e = "€".getBytes(StandardCharsets.UTF_8);
        assertRefused(new ClientFrames().frame(false, Opcode.TEXT, new byte[] {e[0], e[1]})
                .frame(true, Opcode.CONTINUATION, new byte[] {'x'}).bytes(), 1007);
        assertRefused(new ClientFrames().frame(true, Opcode.CLOSE, new byte[] {3, (byte) 0xE8, (byte) 0xC0}).bytes(), 1007);
    }

    @Test
    void aMessageOverTheLimitGets1009BeforeItIsRead() throws Exception {
        byte[] whole = new ClientFrames().frame(true, Opcode.BINARY, new byte[70_000]).bytes();
        assertRefused(java.util.Arrays.copyOf(whole, 20), 1009);
        assertRefused(new ClientFrames().frame(false, Opcode.TEXT, new byte[40_000]).frame(true, Opcode.CONTINUATION, new byte[40_000]).bytes(), 1009);
    }

    @Test
    void theClientsCloseIsAnsweredWithItsCodeAndTheConnectionEnds() throws Exception {
        try (RawWsClient c = RawWsClient.open(server.port(), "/app/echo")) {
            c.send(new ClientFrames().close(4321, "bye").bytes());
            RawWsClient.Frame f = c.read();
            assertEquals(Opcode.CLOSE, f.opcode());
            assertEquals(4321, f.closeCode());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aHandshakeWithoutAKeyGets400AndAnOldVersionGets426NamingVersion13() throws Exception {
        try (RawWsClient c = new RawWsClient(server.port())) {
            String head = c.request("GET /app/echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 400"), head);
        }
        try (RawWsClient c = new RawWsClient(server.port())) {
            String head = c.request("GET /app/echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 426"), head);
            assertTrue(head.contains("Sec-WebSocket-Version: 13"), head);
        }
    }

    @Test
    void theAcceptKeyIsTheOneOfRfc6455sExample() throws Exception {
        try (RawWsClient c = new RawWsClient(server.port())) {
            String head = c.request(RawWsClient.handshake("/app/echo", ""));
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertTrue(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), head);
            assertTrue(head.toLowerCase().contains("upgrade: websocket"), head);
        }
    }

    @Test
    void aFloodOfPingsFromAClientThatNeverReadsLeavesOtherConnectionsServed() throws Exception {
        try (RawWsClient flooder = RawWsClient.open(server.port(), "/app/echo")) {
            flooder.socket.setSoTimeout(1);
            byte[] ping = new ClientFrames().frame(true, Opcode.PING, new byte[125]).bytes();
            byte[] many = new byte[ping.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(ping, 0, many, i * ping.length, ping.length);
            }
            java.io.OutputStream out = flooder.socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        out.write(many); // blocks once the server stops reading: it does not buffer without bound
                    }
                } catch (java.io.IOException expected) {
                    // closed at the end of the test
                }
            });
            writer.setDaemon(true);
            writer.start();
            Thread.sleep(500);
            try (RawWsClient other = RawWsClient.open(server.port(), "/app/echo")) {
                other.send(new ClientFrames().text("still here").bytes());
                assertEquals("still here", other.read().text());
            }
        }
    }
}
