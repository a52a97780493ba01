package io.subito.container.h2spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.subito.container.H2Client;
import io.subito.container.http2.ErrorCode;
import io.subito.container.http2.Frame;
import io.subito.container.http2.Http2Settings;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection of the conformance suite: {@link H2Client} after the handshake h2spec makes
 * (preface, the server's SETTINGS first, both SETTINGS acknowledged), with the checks h2spec's
 * verifiers make, only stricter: a connection error must be a GOAWAY with exactly the code
 * followed by the close, a stream error a RST_STREAM on exactly the stream with exactly the
 * code; anything else the server sends in between (responses, WINDOW_UPDATE) is passed over.
 */
final class H2specConnection implements AutoCloseable {
    static final String[] GET = {":method", "GET", ":scheme", "http", ":path", "/", ":authority", "127.0.0.1"};
    static final String[] POST = {":method", "POST", ":scheme", "http", ":path", "/", ":authority", "127.0.0.1"};

    final H2Client c;
    /** The server's SETTINGS, by identifier. */
    final Map<Integer, Integer> serverSettings = new HashMap<>();

    private H2specConnection(H2Client c) {
        this.c = c;
    }

    /** Connects and sends the client preface (with an empty SETTINGS) only. */
    static H2specConnection open(int port) throws IOException {
        return new H2specConnection(new H2Client(port));
    }

    /** Connects and sends nothing. */
    static H2specConnection raw(int port) throws IOException {
        return new H2specConnection(new H2Client(new java.net.Socket("127.0.0.1", port), false));
    }

    /** Connects and makes h2spec's handshake: preface, the server's SETTINGS first, both acknowledged. */
    static H2specConnection handshake(int port) throws IOException {
        H2specConnection h = open(port);
        H2Client.In first = h.c.next();
        assertEquals(Frame.SETTINGS, first.type(), "the server preface's first frame: " + first);
        assertFalse(first.has(Frame.FLAG_ACK), "the server preface is a SETTINGS without ACK");
        ByteBuffer p = ByteBuffer.wrap(first.payload());
        while (p.remaining() >= 6) {
            h.serverSettings.put(p.getShort() & 0xFFFF, p.getInt());
        }
        h.c.w.settingsAck();
        h.c.send();
        h.expectSettingsAck();
        return h;
    }

    int maxFrameSize() {
        return serverSettings.getOrDefault(Http2Settings.MAX_FRAME_SIZE, 16_384);
    }

    // ---------------------------------------------------------------- sending

    /** One frame exactly as given: a 9-byte header and {@code payload}. */
    void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        frame(payload.length, type, flags, stream, payload);
    }

    /** A frame whose header claims {@code length}, whatever the payload's. */
    void frame(int length, int type, int flags, int stream, byte[] payload) throws IOException {
        c.w.header(length, type, flags, stream);
        c.w.raw(payload);
        c.send();
    }

    /** Raw bytes, as h2spec's {@code conn.Send}. */
    void raw(byte[] bytes) throws IOException {
        c.out.write(bytes);
        c.out.flush();
    }

    /** A field block of {@code nameValues}, encoded with the client's HPACK context (which it changes). */
    byte[] block(String... nameValues) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        c.hpack.beginBlock();
        for (int i = 0; i < nameValues.length; i += 2) {
            c.hpack.encode(nameValues[i], nameValues[i + 1], b);
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    void headers(int stream, boolean endStream, boolean endHeaders, byte[] block) throws IOException {
        frame(Frame.HEADERS, (endStream ? Frame.FLAG_END_STREAM : 0) | (endHeaders ? Frame.FLAG_END_HEADERS : 0), stream, block);
    }

    void headers(int stream, boolean endStream, String... nameValues) throws IOException {
        headers(stream, endStream, true, block(nameValues));
    }

    void continuation(int stream, boolean endHeaders, byte[] block) throws IOException {
        frame(Frame.CONTINUATION, endHeaders ? Frame.FLAG_END_HEADERS : 0, stream, block);
    }

    void data(int stream, boolean endStream, byte[] payload) throws IOException {
        frame(Frame.DATA, endStream ? Frame.FLAG_END_STREAM : 0, stream, payload);
    }

    void data(int stream, boolean endStream, String text) throws IOException {
        data(stream, endStream, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    void priority(int stream, int dependsOn, int weight) throws IOException {
        frame(Frame.PRIORITY, 0, stream, ByteBuffer.allocate(5).putInt(dependsOn).put((byte) (weight - 1)).array());
    }

    void rstStream(int stream, int code) throws IOException {
        frame(Frame.RST_STREAM, 0, stream, ByteBuffer.allocate(4).putInt(code).array());
    }

    void windowUpdate(int stream, int increment) throws IOException {
        frame(Frame.WINDOW_UPDATE, 0, stream, ByteBuffer.allocate(4).putInt(increment).array());
    }

    void settings(int... idsAndValues) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(3 * idsAndValues.length);
        for (int i = 0; i < idsAndValues.length; i += 2) {
            b.putShort((short) idsAndValues[i]).putInt(idsAndValues[i + 1]);
        }
        frame(Frame.SETTINGS, 0, 0, b.array());
    }

    void ping(boolean ack, byte[] eight) throws IOException {
        frame(Frame.PING, ack ? Frame.FLAG_ACK : 0, 0, eight);
    }

    void goAway(int lastStream, int code) throws IOException {
        frame(Frame.GOAWAY, 0, 0, ByteBuffer.allocate(8).putInt(lastStream).putInt(code).array());
    }

    // ---------------------------------------------------------------- what the server must answer

    /** The next frame; EOF and a reset connection both fail the test, naming {@code expected}. */
    private H2Client.In next(String expected) throws IOException {
        try {
            return c.next();
        } catch (EOFException | SocketException e) {
            return fail("the connection closed (" + e + ") where " + expected + " was expected");
        }
    }

    /** A connection error: GOAWAY with exactly {@code code}, then the server closes the connection. */
    void expectConnectionError(ErrorCode code) throws IOException {
        String expected = "GOAWAY " + code;
        while (true) {
            H2Client.In f = next(expected);
            if (f.type() == Frame.RST_STREAM) {
                fail("RST_STREAM " + ErrorCode.describe(f.intAt(0)) + " on stream " + f.stream() + " where " + expected + " was expected");
            }
            keepHpackInStep(f);
            if (f.type() == Frame.GOAWAY) {
                assertEquals(code.name(), ErrorCode.describe(f.intAt(4)), "the GOAWAY's error code (" + debugText(f) + ")");
                expectClose();
                return;
            }
        }
    }

    /** A stream error: RST_STREAM on {@code stream} with exactly {@code code}; the connection goes on. */
    void expectStreamError(int stream, ErrorCode code) throws IOException {
        String expected = "RST_STREAM " + code + " on stream " + stream;
        while (true) {
            H2Client.In f = next(expected);
            if (f.type() == Frame.GOAWAY) {
                fail("GOAWAY " + ErrorCode.describe(f.intAt(4)) + " (" + debugText(f) + ") where " + expected + " was expected");
            }
            keepHpackInStep(f);
            if (f.type() == Frame.RST_STREAM && f.stream() == stream) {
                assertEquals(code.name(), ErrorCode.describe(f.intAt(0)), "the RST_STREAM's error code on stream " + stream);
                return;
            }
        }
    }

    /** The server closes the connection (EOF or a reset), sending at most frames before. */
    void expectClose() throws IOException {
        try {
            while (true) {
                c.next();
            }
        } catch (EOFException | SocketException e) {
            // closed: what a connection error ends in
        }
    }

    void expectSettingsAck() throws IOException {
        expect(Frame.SETTINGS, Frame.FLAG_ACK, 0, "SETTINGS with ACK");
    }

    /** A PING with ACK carrying {@code eight}. */
    void expectPingAck(byte[] eight) throws IOException {
        H2Client.In f = expect(Frame.PING, Frame.FLAG_ACK, 0, "PING with ACK");
        assertArrayEquals(eight, f.payload(), "the PING ACK's payload");
    }

    /** The response HEADERS of {@code stream}, decoded. */
    Map<String, String> expectHeaders(int stream) throws IOException {
        return c.fields(expect(Frame.HEADERS, 0, stream, "HEADERS on stream " + stream));
    }

    H2Client.In expectData(int stream) throws IOException {
        return expect(Frame.DATA, 0, stream, "DATA on stream " + stream);
    }

    /** Frames until one of {@code type} with {@code flags} set on {@code stream}; a GOAWAY or a reset of that stream first fails. */
    H2Client.In expect(int type, int flags, int stream, String what) throws IOException {
        while (true) {
            H2Client.In f = next(what);
            if (f.type() == type && (f.flags() & flags) == flags && f.stream() == stream) {
                return f;
            }
            if (f.type() == Frame.GOAWAY) {
                fail("GOAWAY " + ErrorCode.describe(f.intAt(4)) + " (" + debugText(f) + ") where " + what + " was expected");
            }
            if (f.type() == Frame.RST_STREAM && f.stream() == stream && type != Frame.RST_STREAM) {
                fail("RST_STREAM " + ErrorCode.describe(f.intAt(0)) + " on stream " + stream + " where " + what + " was expected");
            }
            keepHpackInStep(f);
        }
    }

    /** Decodes a response field block passed over: the client's HPACK context must see every one. */
    private void keepHpackInStep(H2Client.In f) throws IOException {
        if (f.type() == Frame.HEADERS) {
            c.fields(f);
        }
    }

    /** The whole response of {@code stream}: a GOAWAY or RST_STREAM on it first fails. */
    H2Client.Response response(int stream) throws IOException {
        return c.response(stream);
    }

    /** The connection still answers: a PING is acknowledged. */
    void expectAlive() throws IOException {
        byte[] eight = "h2spec!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ping(false, eight);
        expectPingAck(eight);
    }

    private static String debugText(H2Client.In goAway) {
        byte[] p = goAway.payload();
        return p.length > 8 ? new String(p, 8, p.length - 8, java.nio.charset.StandardCharsets.UTF_8) : "no debug text";
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static void assertStatus(String status, Map<String, String> fields) {
        assertTrue(fields.containsKey(":status"), "a response has :status: " + fields);
        assertEquals(status, fields.get(":status"), "the status of " + fields);
    }

    @Override
    public void close() throws IOException {
        c.close();
    }
}
