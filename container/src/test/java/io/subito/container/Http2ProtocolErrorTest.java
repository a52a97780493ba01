package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.http2.ErrorCode;
import io.subito.container.http2.Frame;
import io.subito.container.http2.FrameWriter;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Violations of RFC 9113 sent over a real socket, answered with GOAWAY or RST_STREAM and the right code. */
class Http2ProtocolErrorTest {
    private static final byte[] PREFACE = H2Client.PREFACE;

    @Test
    void aPingOfTheWrongLengthEndsTheConnectionWithFrameSizeError() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO); H2Client c = new H2Client(s.port())) {
            c.w.header(7, Frame.PING, 0, 0);
            c.out.write(new byte[0]);
            c.send();
            c.out.write(new byte[7]);
            int[] g = c.await(Frame.GOAWAY);
            assertEquals(ErrorCode.FRAME_SIZE_ERROR.code, g[2]);
            assertEquals(-1, c.in.read(), "the connection closes after GOAWAY");
        }
    }

    @Test
    void aConnectionWindowUpdateOfZeroIsAProtocolError() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO); H2Client c = new H2Client(s.port())) {
            c.w.windowUpdate(0, 0);
            c.send();
            assertEquals(ErrorCode.PROTOCOL_ERROR.code, c.await(Frame.GOAWAY)[2]);
        }
    }

    @Test
    void aConnectionSpecificFieldResetsOnlyItsStream() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO); H2Client c = new H2Client(s.port())) {
            c.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "x", "connection", "keep-alive");
            int[] r = c.await(Frame.RST_STREAM);
            assertEquals(1, r[0]);
            assertEquals(ErrorCode.PROTOCOL_ERROR.code, r[1]);
            c.headers(3, true, ":method", "GET", ":scheme", "http", ":path", "/next", ":authority", "x");
            int[] h = c.await(Frame.HEADERS);
            assertEquals(3, h[0], "the connection goes on with the next stream");
        }
    }

    @Test
    void aContentLengthThatTheDataDoesNotMatchResetsTheStream() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO); H2Client c = new H2Client(s.port())) {
            c.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/", ":authority", "x", "content-length", "10");
            c.w.data(1, new byte[4], 0, 4, true);
            c.send();
            int[] r = c.await(Frame.RST_STREAM);
            assertEquals(1, r[0]);
            assertEquals(ErrorCode.PROTOCOL_ERROR.code, r[1]);
        }
    }

    @Test
    void dataBeyondTheStreamWindowIsAFlowControlError() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, exchange -> Thread.sleep(2000)); H2Client c = new H2Client(s.port())) {
            c.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/", ":authority", "x");
            byte[] chunk = new byte[16_384];
            for (int i = 0; i < 5; i++) { // 81920 bytes > the 65535 of the stream's window
                c.w.data(1, chunk, 0, chunk.length, false);
            }
            c.send();
            int[] r = c.await(Frame.RST_STREAM);
            assertEquals(1, r[0]);
            assertEquals(ErrorCode.FLOW_CONTROL_ERROR.code, r[1]);
        }
    }

    @Test
    void aFirstFrameOtherThanSettingsIsAProtocolError() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.POOL, Handlers.ECHO); Socket sock = new Socket("127.0.0.1", s.port())) {
            sock.setSoTimeout(20_000);
            sock.getOutputStream().write(PREFACE);
            FrameWriter w = new FrameWriter(64);
            w.ping(false, new byte[8], 0);
            ByteBuffer b = w.pending()[0];
            sock.getOutputStream().write(b.array(), 0, b.limit());
            DataInputStream in = new DataInputStream(sock.getInputStream());
            byte[] all = in.readAllBytes();
            // the last frame is GOAWAY: 9-byte header, last stream, code, debug text
            int at = indexOfGoAway(all);
            assertTrue(at >= 0);
            assertEquals(ErrorCode.PROTOCOL_ERROR.code, ByteBuffer.wrap(all, at + 13, 4).getInt());
        }
    }

    private static int indexOfGoAway(byte[] b) {
        int pos = 0;
        while (pos + 9 <= b.length) {
            int len = (b[pos] & 0xFF) << 16 | (b[pos + 1] & 0xFF) << 8 | b[pos + 2] & 0xFF;
            if (b[pos + 3] == Frame.GOAWAY) {
                return pos;
            }
            pos += 9 + len;
        }
        return -1;
    }

    @Test
    void aGracefulStopSendsGoAwayAndLetsTheStreamInFlightFinish() throws Exception {
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        HttpHandler slow = ex -> {
            running.countDown();
            Thread.sleep(500);
            ex.response().output().write("done".getBytes(StandardCharsets.US_ASCII));
        };
        TestServer s = TestServer.start(ExecutionMode.POOL, slow);
        try (H2Client c = new H2Client(s.port())) {
            c.headers(1, true, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "x");
            assertTrue(running.await(20, java.util.concurrent.TimeUnit.SECONDS));
            Thread stopper = new Thread(s::close);
            stopper.start();
            int[] g = c.await(Frame.GOAWAY);
            assertEquals(ErrorCode.NO_ERROR.code, g[2]);
            assertEquals(1, g[1], "last stream id");
            int[] d = c.await(Frame.DATA);
            assertEquals(1, d[0]);
            stopper.join(20_000);
        } finally {
            s.close();
        }
    }
}
