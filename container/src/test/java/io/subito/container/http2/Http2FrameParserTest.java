package io.subito.container.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 9113 sections 4 and 6 in memory: frames out of {@link FrameWriter} back through {@link FrameParser}. */
class Http2FrameParserTest {
    private final FrameParser parser = new FrameParser();
    private final Frame f = new Frame();

    private static byte[] bytes(FrameWriter w) {
        ByteBuffer b = w.pending()[0];
        return Arrays.copyOfRange(b.array(), 0, b.limit());
    }

    private static byte[] frame(int length, int type, int flags, int stream, byte... payload) {
        FrameWriter w = new FrameWriter(64);
        w.header(length, type, flags, stream);
        byte[] head = bytes(w);
        byte[] out = Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    @Test
    void aPingWrittenIsParsedBackWithItsPayload() throws Exception {
        FrameWriter w = new FrameWriter(16);
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        w.ping(false, data, 0);
        byte[] b = bytes(w);
        assertEquals(b.length, parser.next(b, 0, b.length, f));
        assertEquals(Frame.PING, f.type());
        assertArrayEquals(data, Arrays.copyOfRange(f.buffer(), f.start(), f.end()));
    }

    @Test
    void aFrameArrivingByteByByteIsHandedOverOnlyWhenItsSmallPayloadIsComplete() throws Exception {
        FrameWriter w = new FrameWriter(16);
        w.windowUpdate(3, 1000);
        byte[] b = bytes(w);
        for (int lim = 0; lim < b.length; lim++) {
            assertEquals(0, parser.next(b, 0, lim, f));
        }
        assertEquals(b.length, parser.next(b, 0, b.length, f));
        assertEquals(1000, f.int31(0));
        assertEquals(3, f.streamId());
    }

    @Test
    void aDataFrameLargerThanTheInputComesInChunksWithPaddingRemoved() throws Exception {
        byte[] payload = new byte[1 + 100 + 20];
        payload[0] = 20; // pad length
        Arrays.fill(payload, 1, 101, (byte) 'x');
        byte[] b = frame(payload.length, Frame.DATA, Frame.FLAG_PADDED | Frame.FLAG_END_STREAM, 1, payload);
        int pos = parser.next(b, 0, 60, f);
        assertTrue(parser.delivered() && parser.isFirst() && !parser.isLast());
        int got = f.payloadLength();
        while (pos < b.length) {
            pos = parser.next(b, pos, b.length, f);
            if (parser.delivered()) {
                got += f.payloadLength();
            }
        }
        assertTrue(parser.isLast());
        assertEquals(100, got);
    }

    @Test
    void aFrameOverTheMaximumSizeIsAConnectionFrameSizeError() {
        byte[] b = frame(16_385, Frame.DATA, 0, 1);
        Http2Exception e = assertThrows(Http2Exception.class, () -> parser.next(b, 0, b.length, f));
        assertTrue(e.isConnectionError());
        assertEquals(ErrorCode.FRAME_SIZE_ERROR, e.code());
    }

    @Test
    void dataOnStreamZeroIsAProtocolError() {
        byte[] b = frame(0, Frame.DATA, 0, 0);
        assertEquals(ErrorCode.PROTOCOL_ERROR, assertThrows(Http2Exception.class, () -> parser.next(b, 0, b.length, f)).code());
    }

    @Test
    void paddingAsLongAsThePayloadIsAProtocolError() {
        byte[] b = frame(3, Frame.DATA, Frame.FLAG_PADDED, 1, (byte) 3, (byte) 0, (byte) 0);
        assertEquals(ErrorCode.PROTOCOL_ERROR, assertThrows(Http2Exception.class, () -> parser.next(b, 0, b.length, f)).code());
    }

    @Test
    void aPingOfSevenBytesIsAFrameSizeError() {
        byte[] b = frame(7, Frame.PING, 0, 0, new byte[7]);
        assertEquals(ErrorCode.FRAME_SIZE_ERROR, assertThrows(Http2Exception.class, () -> parser.next(b, 0, b.length, f)).code());
    }

    @Test
    void aPingOnAStreamIsAProtocolError() {
        byte[] b = frame(8, Frame.PING, 0, 1, new byte[8]);
        assertEquals(ErrorCode.PROTOCOL_ERROR, assertThrows(Http2Exception.class, () -> parser.next(b, 0, b.length, f)).code());
    }

    @Test
    void settingsOfALengthNotAMultipleOfSixIsAFrameSizeError() {
        byte[] b = frame(5, Frame.SETTINGS, 0, 0, new byte[5]);
        assertEquals(ErrorCode.FRAME_SIZE_ERROR, assertThrows(Http2Exception.class, () -> parser.next(b, 0, b.length, f)).code());
    }

    @Test
    void aSettingsAckWithAPayloadIsAFrameSizeError() {
        byte[] b = frame(6, Frame.SETTINGS, Frame.FLAG_ACK, 0, new byte[6]);
        assertEquals(ErrorCode.FRAME_SIZE_ERROR, assertThrows(Http2Exception.class, () -> parser.next(b, 0, b.length, f)).code());
    }

    @Test
    void aPushPromiseFromAClientIsAProtocolError() {
        byte[] b = frame(4, Frame.PUSH_PROMISE, Frame.FLAG_END_HEADERS, 1, new byte[4]);
        assertEquals(ErrorCode.PROTOCOL_ERROR, assertThrows(Http2Exception.class, () -> parser.next(b, 0, b.length, f)).code());
    }

    @Test
    void aFrameBetweenHeadersAndItsContinuationIsAProtocolError() throws Exception {
        byte[] h = frame(1, Frame.HEADERS, 0, 1, (byte) 0x82);
        parser.next(h, 0, h.length, f);
        assertTrue(parser.inFieldBlock());
        byte[] p = frame(8, Frame.PING, 0, 0, new byte[8]);
        assertEquals(ErrorCode.PROTOCOL_ERROR, assertThrows(Http2Exception.class, () -> parser.next(p, 0, p.length, f)).code());
    }

    @Test
    void aContinuationWithoutHeadersIsAProtocolError() {
        byte[] b = frame(1, Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1, (byte) 0x82);
        assertEquals(ErrorCode.PROTOCOL_ERROR, assertThrows(Http2Exception.class, () -> parser.next(b, 0, b.length, f)).code());
    }

    @Test
    void aPriorityOfWrongLengthOnAStreamIsLeftToTheSessionAsAStreamError() throws Exception {
        byte[] b = frame(4, Frame.PRIORITY, 0, 1, new byte[4]);
        assertEquals(b.length, parser.next(b, 0, b.length, f));
        assertEquals(4, f.length());
    }

    @Test
    void aWindowUpdateOfWrongLengthIsAConnectionFrameSizeError() {
        byte[] b = frame(3, Frame.WINDOW_UPDATE, 0, 1, new byte[3]);
        Http2Exception e = assertThrows(Http2Exception.class, () -> parser.next(b, 0, b.length, f));
        assertTrue(e.isConnectionError());
        assertEquals(ErrorCode.FRAME_SIZE_ERROR, e.code());
    }

    @Test
    void headersLargerThanTheFrameSizeAreSplitIntoContinuationFrames() throws Exception {
        FrameWriter w = new FrameWriter(16);
        byte[] block = new byte[40_000];
        w.headers(1, block, 0, block.length, true, 16_384);
        byte[] b = bytes(w);
        int pos = 0;
        int types = 0;
        int total = 0;
        while (pos < b.length) {
            pos = parser.next(b, pos, b.length, f);
            if (parser.delivered()) {
                total += f.payloadLength();
                if (parser.isFirst()) {
                    types = types * 16 + f.type();
                }
            }
        }
        assertEquals(40_000, total);
        assertEquals(Frame.HEADERS * 256 + Frame.CONTINUATION * 16 + Frame.CONTINUATION, types);
        assertFalse(parser.inFieldBlock());
    }

    @Test
    void streamStatesFollowSection51() {
        StreamState s = StreamState.IDLE.next(StreamState.Event.RECV_HEADERS);
        assertEquals(StreamState.OPEN, s);
        assertEquals(StreamState.HALF_CLOSED_REMOTE, s.next(StreamState.Event.RECV_END_STREAM));
        assertEquals(StreamState.CLOSED, s.next(StreamState.Event.RECV_END_STREAM).next(StreamState.Event.SEND_END_STREAM));
        assertEquals(StreamState.CLOSED, s.next(StreamState.Event.RESET));
        assertEquals(null, StreamState.HALF_CLOSED_REMOTE.next(StreamState.Event.RECV_END_STREAM));
        assertEquals("half closed remote", StreamState.HALF_CLOSED_REMOTE.toString());
    }

    @Test
    void requestFieldsRefuseUpperCaseConnectionSpecificAndLatePseudoHeaders() {
        RequestFields r = new RequestFields();
        r.begin(false);
        r.header(":method", "GET", false);
        r.header(":scheme", "http", false);
        r.header(":path", "/", false);
        r.header("Accept", "*/*", false);
        assertTrue(r.error().contains("lower-case"));
        r.begin(false);
        r.header(":method", "GET", false);
        r.header("connection", "close", false);
        assertTrue(r.error().contains("connection-specific"));
        r.begin(false);
        r.header(":method", "GET", false);
        r.header("accept", "x", false);
        r.header(":path", "/", false);
        assertTrue(r.error().contains("after a regular field"));
        r.begin(false);
        r.header(":method", "GET", false);
        r.header(":scheme", "http", false);
        r.header(":path", "/", false);
        r.header("te", "gzip", false);
        assertTrue(r.error().contains("te"));
        r.begin(false);
        r.header(":method", "GET", false);
        r.header(":scheme", "http", false);
        assertTrue(r.error().contains(":path"));
    }

    @Test
    void aValidRequestBecomesAnHttp11HeadWithHostFromAuthorityAndCookiesJoined() {
        RequestFields r = new RequestFields();
        r.begin(false);
        r.header(":method", "POST", false);
        r.header(":scheme", "https", false);
        r.header(":authority", "example.com", false);
        r.header(":path", "/a?b=c", false);
        r.header("cookie", "a=1", false);
        r.header("cookie", "b=2", false);
        r.header("content-length", "5", false);
        assertEquals(null, r.error());
        assertEquals(5, r.contentLength());
        assertEquals("POST /a?b=c HTTP/1.1\r\nhost: example.com\r\ncookie: a=1; b=2\r\ncontent-length: 5\r\n\r\n",
                new String(r.toHead(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
