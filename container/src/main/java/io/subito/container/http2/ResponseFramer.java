package io.subito.container.http2;

import io.subito.container.http2.hpack.HpackEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The loop's side of a stream's response: its head HPACK-encoded into HEADERS (and CONTINUATION)
 * frames, its body taken from the stream's ring as DATA frames within both flow-control windows
 * and the client's SETTINGS_MAX_FRAME_SIZE, then its trailers or an END_STREAM. Streams that
 * wait for the connection's window queue here until a WINDOW_UPDATE opens it. The HPACK encoder's
 * table follows the order of the frames on the wire, so only the loop encodes.
 */
final class ResponseFramer {
    private static final String[] STATUS = new String[1000];
    private final Http2Session session;
    private final HpackEncoder encoder = new HpackEncoder(4096);
    private static final byte[] NO_BYTES = new byte[0];
    /** The field block being encoded (borrowed for that time), else null. */
    private ByteBuffer block;
    /** Streams waiting for the connection's window; made with the first. */
    private ArrayDeque<Http2Stream> blocked;
    /** Application header names in lower case, by the name as set (usually a constant); per loop thread, as only loops frame. */
    private static final ThreadLocal<Map<String, String>> LOWER_CASE = ThreadLocal.withInitial(HashMap::new);
    private java.util.function.Supplier<String> date = () -> null;

    ResponseFramer(Http2Session session) {
        this.session = session;
    }

    void dateSource(java.util.function.Supplier<String> d) {
        date = d;
    }

    void peerSettingsChanged() {
        encoder.setMaxHeaderTableSize(Math.min(session.peer.headerTableSize, 4096));
    }

    void connectionWindowOpened() {
        if (blocked == null) {
            return;
        }
        int n = blocked.size();
        for (int i = 0; i < n && session.connSendWindow > 0; i++) {
            write(blocked.poll());
        }
    }

    /** {@code s} is done: it no longer waits for the connection's window. */
    void forget(Http2Stream s) {
        if (blocked != null) {
            blocked.remove(s);
        }
    }

    /** Frames what {@code s} has ready: granted window, reset, head, body, end. */
    void write(Http2Stream s) {
        FrameWriter w = session.writer;
        int read = s.takeConsumed();
        if (read > 0) {
            session.grant(s, read);
        }
        if (s.reset || s.endSent) {
            s.out.release();
            s.out.wake();
            return;
        }
        if (s.abortRequested) {
            session.resetStream(s.id, ErrorCode.INTERNAL_ERROR);
            return;
        }
        if (!s.headSent) {
            if (!s.headReady) {
                if (s.continueWanted && !s.continueSent) {
                    s.continueSent = true;
                    interim(s.id, 100);
                }
                return;
            }
            s.headSent = true;
            boolean end = s.outEnded && (!s.sendsBody() || s.out.available() == 0 && !s.hasOverflow()) && s.trailersOut == null;
            head(s, end);
            if (end) {
                ended(s);
                return;
            }
        }
        if (s.outEnded) {
            s.pushOverflow(); // the handler is done: the loop moves what its non-blocking writes left behind
        }
        int maxFrame = session.peer.maxFrameSize;
        while (s.out.available() > 0) {
            int n = (int) Math.min(Math.min(s.out.available(), maxFrame), Math.min(s.sendWindow, session.connSendWindow));
            if (n <= 0) {
                if (session.connSendWindow <= 0) {
                    if (blocked == null) {
                        blocked = new ArrayDeque<>();
                    }
                    if (!blocked.contains(s)) {
                        blocked.add(s);
                    }
                }
                break;
            }
            boolean end = s.outEnded && n == s.out.available() && s.trailersOut == null && !s.hasOverflow();
            w.header(n, Frame.DATA, end ? Frame.FLAG_END_STREAM : 0, s.id);
            w.fromRing(s.out, n);
            s.sendWindow -= n;
            session.connSendWindow -= n;
            s.lastProgress = session.now();
            if (end) {
                ended(s);
                s.out.wake();
                return;
            }
            if (s.outEnded) {
                s.pushOverflow();
            }
        }
        s.out.wake();
        if (!s.isNonBlocking() || s.out.free() > 0) {
            s.fireWritable();
        }
        if (s.outEnded && s.out.available() == 0 && !s.hasOverflow()) {
            if (s.trailersOut != null) {
                fields(s.id, s.trailersOut);
            } else {
                w.data(s.id, NO_BYTES, 0, 0, true);
            }
            ended(s);
        }
    }

    /** END_STREAM went out: a client still sending a body nobody will read is told to stop (section 8.1). */
    private void ended(Http2Stream s) {
        s.endSent = true;
        s.state = s.state.next(StreamState.Event.SEND_END_STREAM);
        if (s.state.receives()) {
            session.sendReset(s.id, ErrorCode.NO_ERROR);
            s.resetNow();
        }
        session.forgetIfDone(s); // the ring's array goes back with the stream, once its handler has returned
    }

    private void head(Http2Stream s, boolean end) {
        beginBlock();
        encode(":status", status(s.status), false);
        boolean hasLength = false;
        for (int i = 0; i < s.headerCount; i++) {
            String name = lower(s.names[i]);
            if (connectionSpecific(name)) {
                continue;
            }
            hasLength |= name.equals("content-length");
            encode(name, s.values[i], name.equals("set-cookie") || name.equals("authorization"));
        }
        // a HEAD response carries the content-length its GET would (RFC 9110 section 9.3.2)
        if (!hasLength && s.contentLength >= 0 && !s.bodyless) {
            encode("content-length", Long.toString(s.contentLength), false);
        }
        String d = date.get();
        if (d != null) {
            encode("date", d, false);
        }
        endBlock(s.id, end);
    }

    private void fields(int id, Map<String, String> f) {
        beginBlock();
        for (Map.Entry<String, String> e : f.entrySet()) {
            encode(lower(e.getKey()), e.getValue(), false);
        }
        endBlock(id, true);
    }

    /** An interim (1xx) response: HEADERS with the status alone, the stream stays open (RFC 9113 section 8.1). */
    private void interim(int id, int status) {
        beginBlock();
        encode(":status", status(status), false);
        endBlock(id, false);
    }

    /** A response the session gives itself, without a handler (431 for a field block too large). */
    void refuse(int id, int status, boolean requestEnded) {
        beginBlock();
        encode(":status", status(status), false);
        endBlock(id, true);
        if (!requestEnded) {
            session.sendReset(id, ErrorCode.NO_ERROR);
        }
    }

    /** A field block starts: a buffer is borrowed for it (an idle connection holds none). */
    private void beginBlock() {
        block = session.io.borrowBuffer().clear();
        encoder.beginBlock();
    }

    /**
     * One field into the block, which grows first when the field might not fit: the encoder's
     * table changes with every field, so a block is never encoded twice (a retry would refer to
     * entries the client's decoder never got).
     */
    private void encode(String name, String value, boolean sensitive) {
        int room = HpackEncoder.maxEncodedLength(name, value);
        if (block.remaining() < room) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(2 * block.capacity(), block.position() + room));
            bigger.put(block.flip());
            session.io.giveBackBuffer(block);
            block = bigger;
        }
        encoder.encode(name, value, sensitive, block);
    }

    /** The block as HEADERS (and CONTINUATION) frames; the buffer goes back. */
    private void endBlock(int id, boolean endStream) {
        session.writer.headers(id, block.array(), 0, block.position(), endStream, session.peer.maxFrameSize);
        session.io.giveBackBuffer(block);
        block = null;
    }

    private String lower(String name) {
        for (int i = 0, n = name.length(); i < n; i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                Map<String, String> lowerCase = LOWER_CASE.get();
                if (lowerCase.size() > 512) {
                    lowerCase.clear();
                }
                return lowerCase.computeIfAbsent(name, k -> k.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return name;
    }

    /** Section 8.2.2: fields of HTTP/1.1 connections that HTTP/2 must not carry. */
    private static boolean connectionSpecific(String name) {
        return switch (name) {
            case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" -> true;
            default -> false;
        };
    }

    private static String status(int code) {
        String s = STATUS[code];
        if (s == null) {
            s = Integer.toString(code);
            STATUS[code] = s;
        }
        return s;
    }
}
