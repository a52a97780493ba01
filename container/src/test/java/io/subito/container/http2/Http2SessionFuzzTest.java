package io.subito.container.http2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the server side of an HTTP/2 connection: the frame parser, the
 * session's checks of every frame against the connection's and streams' state, field blocks
 * through HPACK and the request rules. After the client preface and a SETTINGS frame, the
 * fuzzer's bytes arrive in pieces of its choosing; whatever they are, the session consumes them
 * or asks for more, answers with frames or a GOAWAY, never throws, never runs more handlers than
 * its limit, and its output stays bounded.
 */
class Http2SessionFuzzTest {
    private static final byte[] START = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
            new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The engine's side, in memory: handlers finish at once, or stay running, as the fuzzer says. */
    private static final class Io implements SessionIo {
        Http2Session session;
        final FuzzedDataProvider data;
        int running;
        int maxRunning;
        long now;

        Io(FuzzedDataProvider data) {
            this.data = data;
        }

        @Override
        public void startStream(Http2Stream s, byte[] head) {
            assertTrue(head.length > 0);
            running++;
            maxRunning = Math.max(maxRunning, running);
            if (data.consumeBoolean()) {
                running--;
                session.handlerDone(s);
            }
        }

        @Override
        public void wakeLoop() {
        }

        @Override
        public void runOnLoop(Runnable r) {
        }

        @Override
        public long now() {
            return now;
        }

        @Override
        public void closeAfterWrite() {
        }
    }

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void consumesAnyBytesAndAnswersWithFramesOrAGoAway(FuzzedDataProvider data) {
        Http2Limits limits = new Http2Limits(4, 65_535, 16_384, 4096, 1 << 20, 4096, 1000, 50, 200);
        Io io = new Io(data);
        Http2Session session = new Http2Session(io, limits);
        io.session = session;
        session.start();
        byte[] buf = new byte[64 * 1024];
        System.arraycopy(START, 0, buf, 0, START.length);
        int pos = 0;
        int lim = START.length;
        while (true) {
            int at = session.onInput(buf, pos, lim);
            assertTrue(at >= pos && at <= lim, "consumed up to " + at + " of [" + pos + ", " + lim + ")");
            pos = at;
            session.flush();
            FrameWriter w = session.output();
            assertTrue(w.size() < 1 << 20, "output of " + w.size() + " bytes");
            w.pending()[0].position(w.size());
            w.consumed();
            io.now += data.consumeInt(0, 3000);
            if (data.remainingBytes() == 0) {
                break;
            }
            if (pos == lim) {
                pos = lim = 0;
            } else if (buf.length - lim < 20_000) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            if (buf.length - lim < 20_000) {
                break; // the session asked for more than a frame's worth without consuming: only a frame that large does
            }
            byte[] piece = data.consumeBytes(data.consumeInt(1, 16_384));
            System.arraycopy(piece, 0, buf, lim, piece.length);
            lim += piece.length;
        }
        assertTrue(io.maxRunning <= 4, io.maxRunning + " handlers at once, 4 allowed");
        session.closed();
    }
}
