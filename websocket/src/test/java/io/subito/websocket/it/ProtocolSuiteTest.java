package io.subito.websocket.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.websocket.frame.ClientFrames;
import io.subito.websocket.frame.Opcode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protocol over a raw socket, in the case groups of the Autobahn|Testsuite (which cannot be
 * installed here): 1 framing, 2 pings and pongs, 3 reserved bits, 4 opcodes, 5 fragmentation,
 * 6 UTF-8, 7 close handling, 9 limits, 12-13 permessage-deflate; and the opening handshake. Bad
 * input gets its RFC 6455 close code (or HTTP status), then the connection ends.
 */
class ProtocolSuiteTest {
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

    private static RawWsClient.Frame echo(RawWsClient c, byte[] frames) throws Exception {
        c.send(frames);
        return c.read();
    }

    // ---------------------------------------------------------------- 1 framing

    @Test
    void group1TextAndBinaryOfEveryLengthEncodingComeBackIntact() throws Exception {
        try (RawWsClient c = RawWsClient.open(server.port(), "/app/echo")) {
            for (int n : new int[] {0, 1, 125, 126, 127, 65535}) {
                byte[] text = "t".repeat(n).getBytes(StandardCharsets.UTF_8);
                RawWsClient.Frame f = echo(c, new ClientFrames().frame(true, Opcode.TEXT, text).bytes());
                assertEquals(Opcode.TEXT, f.opcode());
                assertEquals(n, f.payload().length, "text of " + n);
                byte[] bin = new byte[n];
                java.util.Arrays.fill(bin, (byte) 0xFE);
                f = echo(c, new ClientFrames().frame(true, Opcode.BINARY, bin).bytes());
                assertEquals(Opcode.BINARY, f.opcode());
                org.junit.jupiter.api.Assertions.assertArrayEquals(bin, f.payload(), "binary of " + n);
            }
        }
    }

    @Test
    void group1MessagesSentByteByByteArriveWhole() throws Exception {
        try (RawWsClient c = RawWsClient.open(server.port(), "/app/echo")) {
            for (byte b : new ClientFrames().text("slowly").bytes()) {
                c.send(new byte[] {b});
            }
            assertEquals("slowly", c.read().text());
        }
    }

    // ---------------------------------------------------------------- 2 pings and pongs

    @Test
    void group2PingsOfZeroAnd125BytesAreAnsweredWithTheirPayloadAndUnaskedPongsIgnored() throws Exception {
        try (RawWsClient c = RawWsClient.open(server.port(), "/app/echo")) {
            c.send(new ClientFrames().frame(true, Opcode.PONG, "unasked".getBytes()).bytes());
            for (int n : new int[] {0, 125}) {
                byte[] p = new byte[n];
                java.util.Arrays.fill(p, (byte) 'p');
                RawWsClient.Frame f = echo(c, new ClientFrames().frame(true, Opcode.PING, p).bytes());
                assertEquals(Opcode.PONG, f.opcode());
                org.junit.jupiter.api.Assertions.assertArrayEquals(p, f.payload());
            }
        }
    }

    // ---------------------------------------------------------------- 5 fragmentation

    @Test
    void group5AFragmentedMessageWithPingsBetweenItsFragmentsGetsThePongsFirst() throws Exception {
        try (RawWsClient c = RawWsClient.open(server.port(), "/app/echo")) {
            c.send(new ClientFrames().frame(false, Opcode.TEXT, "fra".getBytes()).frame(true, Opcode.PING, "1".getBytes())
                    .frame(false, Opcode.CONTINUATION, "gm".getBytes()).frame(true, Opcode.PING, "2".getBytes())
                    .frame(true, Opcode.CONTINUATION, "ent".getBytes()).bytes());
            assertEquals("1", c.read().text());
            assertEquals("2", c.read().text());
            RawWsClient.Frame f = c.read();
            assertEquals(Opcode.TEXT, f.opcode());
            assertEquals("fragment", f.text());
        }
    }

    // ---------------------------------------------------------------- 6 UTF-8

    @Test
    void group6ValidUtf8SplitAtEveryByteAcrossFragmentsIsAccepted() throws Exception {
        byte[] all = "κόσμε 𝄞 €".getBytes(StandardCharsets.UTF_8);
        try (RawWsClient c = RawWsClient.open(server.port(), "/app/echo")) {
            for (int cut = 1; cut < all.length; cut++) {
                c.send(new ClientFrames().frame(false, Opcode.TEXT, java.util.Arrays.copyOf(all, cut))
                        .frame(true, Opcode.CONTINUATION, java.util.Arrays.copyOfRange(all, cut, all.length)).bytes());
                assertEquals("κόσμε 𝄞 €", c.read().text(), "cut at " + cut);
            }
        }
    }

    // ---------------------------------------------------------------- 12-13 permessage-deflate

    @Test
    void group12And13CompressedMessagesWithTheClientsContextKeptAreInflatedAndAnswersAreCompressed() throws Exception {
        try (RawWsClient c = new RawWsClient(server.port())) {
            String head = c.request(RawWsClient.handshake("/app/echo", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"));
            assertTrue(head.contains("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n"), head);
            java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
            java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
            for (int i = 0; i < 3; i++) {
                d.setInput(("compressed message number " + i).getBytes(StandardCharsets.UTF_8));
                byte[] out = new byte[200];
                int n = d.deflate(out, 0, out.length, java.util.zip.Deflater.SYNC_FLUSH);
                c.send(new ClientFrames().frame(0xC0, Opcode.TEXT, java.util.Arrays.copyOf(out, n - 4), true).bytes());
                RawWsClient.Frame f = c.read();
                assertEquals(Opcode.TEXT, f.opcode());
                byte[] in = java.util.Arrays.copyOf(f.payload(), f.payload().length + 4);
                in[in.length - 2] = (byte) 0xFF;
                in[in.length - 1] = (byte) 0xFF;
                inf.setInput(in);
                byte[] plain = new byte[200];
                int m = inf.inflate(plain);
                inf.reset(); // the server compresses without context takeover
                assertEquals("compressed message number " + i, new String(plain, 0, m, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void group12AnOfferTheJdkDeflaterCannotHonourIsDeclined() throws Exception {
        try (RawWsClient c = new RawWsClient(server.port())) {
            String head = c.request(RawWsClient.handshake("/app/echo", "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10\r\n"));
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertTrue(!head.contains("Sec-WebSocket-Extensions"), head);
        }
    }

    // ---------------------------------------------------------------- refusals: 1 framing, 3 reserved bits, 4 opcodes, 5, 6, 7, 9

    @Test
    void group1AnUnmaskedFrameGets1002() throws Exception {
        assertRefused(new ClientFrames().frame(0x80, Opcode.TEXT, "hi".getBytes(), false).bytes(), 1002);
    }

    @Test
    void group3And4ReservedBitsAndOpcodesGet1002() throws Exception {
        assertRefused(new ClientFrames().frame(0x90, Opcode.TEXT, "hi".getBytes(), true).bytes(), 1002);
        assertRefused(new ClientFrames().frame(0xC0, Opcode.TEXT, "hi".getBytes(), true).bytes(), 1002);
        assertRefused(new ClientFrames().frame(0x80, 5, "hi".getBytes(), true).bytes(), 1002);
        assertRefused(new ClientFrames().frame(0x80, 0xF, "hi".getBytes(), true).bytes(), 1002);
    }

    @Test
    void group2And7BadControlFramesGet1002() throws Exception {
        assertRefused(new ClientFrames().frame(false, Opcode.PING, "p".getBytes()).bytes(), 1002);
        assertRefused(new ClientFrames().frame(true, Opcode.PONG, new byte[126]).bytes(), 1002);
        assertRefused(new ClientFrames().frame(true, Opcode.CLOSE, new byte[] {3}).bytes(), 1002);
        assertRefused(new ClientFrames().close(1004, "").bytes(), 1002);
        assertRefused(new ClientFrames().close(2999, "").bytes(), 1002);
    }

    @Test
    void group5AContinuationWithoutAMessageAndAMessageInsideAnotherGet1002() throws Exception {
        assertRefused(new ClientFrames().frame(true, Opcode.CONTINUATION, "x".getBytes()).bytes(), 1002);
        assertRefused(new ClientFrames().frame(false, Opcode.TEXT, "x".getBytes()).frame(true, Opcode.BINARY, "y".getBytes()).bytes(), 1002);
    }

    @Test
    void group1ASixtyThreeBitLengthWithTheTopBitSetGets1002() throws Exception {
        assertRefused(new byte[] {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, 1002);
    }

    @Test
    void group6InvalidUtf8Gets1007EvenAcrossFragments() throws Exception {
        assertRefused(new ClientFrames().frame(true, Opcode.TEXT, new byte[] {(byte) 0xCE, (byte) 0xBA, (byte) 0xFF}).bytes(), 1007);
        byte[] e = "€".getBytes(StandardCharsets.UTF_8);
        assertRefused(new ClientFrames().frame(false, Opcode.TEXT, new byte[] {e[0], e[1]})
                .frame(true, Opcode.CONTINUATION, new byte[] {'x'}).bytes(), 1007);
        assertRefused(new ClientFrames().frame(true, Opcode.CLOSE, new byte[] {3, (byte) 0xE8, (byte) 0xC0}).bytes(), 1007);
    }

    @Test
    void group9AMessageOverTheLimitGets1009BeforeItIsRead() throws Exception {
        byte[] whole = new ClientFrames().frame(true, Opcode.BINARY, new byte[70_000]).bytes();
        assertRefused(java.util.Arrays.copyOf(whole, 20), 1009);
        assertRefused(new ClientFrames().frame(false, Opcode.TEXT, new byte[40_000]).frame(true, Opcode.CONTINUATION, new byte[40_000]).bytes(), 1009);
    }

    @Test
    void group7TheClientsCloseIsAnsweredWithItsCodeAndTheConnectionEnds() throws Exception {
        try (RawWsClient c = RawWsClient.open(server.port(), "/app/echo")) {
            c.send(new ClientFrames().close(4321, "bye").bytes());
            RawWsClient.Frame f = c.read();
            assertEquals(Opcode.CLOSE, f.opcode());
            assertEquals(4321, f.closeCode());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void group7AClientThatNeverAnswersTheServersCloseIsCutAfterTheCloseTimeout() throws Exception {
        try (RawWsClient c = RawWsClient.open(server.port(), "/app/closer")) {
            c.send(new ClientFrames().text("1000").bytes());
            RawWsClient.Frame f = c.read();
            assertEquals(Opcode.CLOSE, f.opcode());
            assertEquals(1000, f.closeCode());
            long t0 = System.nanoTime();
            assertTrue(c.closedByServer(), "closed without the client's close frame");
            long waited = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(waited >= 4000, "the server waited its 5 s close timeout first, not " + waited + " ms");
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
    void group9AFloodOfPingsFromAClientThatNeverReadsLeavesOtherConnectionsServed() throws Exception {
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
