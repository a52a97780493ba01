package io.subito.container.http2;

import static io.subito.container.http2.ErrorCode.FLOW_CONTROL_ERROR;
import static io.subito.container.http2.ErrorCode.PROTOCOL_ERROR;
import static io.subito.container.http2.ErrorCode.STREAM_CLOSED;

import io.subito.container.http2.hpack.HpackDecoder;
import io.subito.container.http2.hpack.HpackException;
import java.nio.ByteBuffer;

/**
 * The server side of one HTTP/2 connection (RFC 9113), on its loop's thread: the preface, every
 * frame the client sends (checked by {@link FrameParser} alone, then here against the
 * connection's and the streams' state), SETTINGS and their ACK, PING, GOAWAY, flow control both
 * ways, field blocks with their CONTINUATION frames decoded by HPACK and checked by
 * {@link RequestFields}, and the streams (section 5.1). A connection error ends in GOAWAY with
 * its code and the close; a stream error in RST_STREAM on that stream only.
 *
 * <p>Handlers run on other threads and only signal their stream ({@link #signal}); the loop then
 * frames the output of every signalled stream ({@link ResponseFramer}) into one {@link FrameWriter}
 * that leaves in one write.
 */
public final class Http2Session {

    final SessionIo io;
    final Http2Limits limits;
    private final FrameParser parser = new FrameParser();
    private final Frame frame = new Frame();
    final FrameWriter writer;
    private final HpackDecoder decoder;
    /** Per loop thread: a block is decoded, checked and made a request head in one call, so an idle connection holds none. */
    private static final ThreadLocal<RequestFields> FIELDS = ThreadLocal.withInitial(RequestFields::new);
    final Http2Settings peer = new Http2Settings();
    final StreamMap streams = new StreamMap();
    final ResponseFramer framer;
    /** Streams signalled since the loop last framed (pushed by any thread). */
    private final SignalledStreams signalled = new SignalledStreams();
    private final Preface preface = new Preface();
    final FloodGuard guard;
    private final FlowControlFrames control;
    /** Past this stream id the client is told to go elsewhere (GOAWAY NO_ERROR) while ids are left for the streams in flight. */
    static final int LAST_STREAM_ID_TAKEN = Integer.MAX_VALUE - 2 * 1024;
    private boolean settingsSeen;
    /** The client's stream ids: the last opened, the ones skipped, the ones the server reset (section 5.1.1). */
    final StreamIds ids = new StreamIds();
    /** Handlers that have not finished (a reset stream's handler still counts). */
    private int running;
    private final ReceiveWindow received = new ReceiveWindow();
    long connSendWindow = Http2Settings.DEFAULT_WINDOW;
    private boolean goAwaySent;
    private boolean peerGoAway;
    private boolean closed;

    private final FieldBlock block;
    // the DATA frame being received
    private Http2Stream dataTarget;
    private int dataPad;

    public Http2Session(SessionIo io, Http2Limits limits) {
        this.io = io;
        this.limits = limits;
        this.writer = new FrameWriter(io);
        this.decoder = new HpackDecoder(4096, limits.maxHeaderListSize());
        this.framer = new ResponseFramer(this);
        this.block = new FieldBlock(limits.maxHeaderListSize(), io);
        this.guard = new FloodGuard(limits.maxResets(), limits.maxControlFrames());
        this.control = new FlowControlFrames(this);
        parser.maxFrameSize(limits.maxFrameSize());
    }

    /** The server's connection preface: its SETTINGS, and a larger connection window. */
    public void start() {
        int[] s = {Http2Settings.MAX_CONCURRENT_STREAMS, limits.maxConcurrentStreams(),
            Http2Settings.INITIAL_WINDOW_SIZE, limits.initialWindow(), Http2Settings.MAX_FRAME_SIZE, limits.maxFrameSize(),
            Http2Settings.MAX_HEADER_LIST_SIZE, limits.maxHeaderListSize(), Http2Settings.ENABLE_PUSH, 0};
        writer.settings(s, 5);
        received.open(limits.connectionWindow(), writer);
    }

    /** Loop side: bytes arrived in {@code buf[pos, lim)}; returns how far they were consumed. */
    public int onInput(byte[] buf, int pos, int lim) {
        if (closed) {
            return lim;
        }
        try {
            if (!preface.complete()) {
                pos = preface.match(buf, pos, lim);
            }
            while (pos < lim || parser.inFieldBlock()) {
                int p = parser.next(buf, pos, lim, frame);
                boolean got = parser.delivered();
                int at = pos;
                pos = p;
                if (got) {
                    try {
                        handle(frame);
                    } catch (Http2Exception e) {
                        if (e.isConnectionError()) {
                            throw e;
                        }
                        resetStream(e.streamId(), e.code());
                        guard.reset(io.now()); // provoked resets count as the client's own (MadeYouReset)
                    }
                } else if (p == at) {
                    break;
                }
            }
        } catch (Http2Exception e) {
            connectionError(e.code(), e.getMessage());
            return lim;
        }
        return pos;
    }

    /** Ends the connection for {@code e}: GOAWAY with its code, then the close. */
    public void connectionError(Http2Exception e) {
        connectionError(e.code(), e.getMessage());
    }

    /** Ends the connection: GOAWAY with {@code code}, then the close. */
    void connectionError(ErrorCode code, String message) {
        goAway(code, message);
        shutDown();
    }

    private void shutDown() {
        closed();
        io.closeAfterWrite();
    }

    private void handle(Frame f) throws Http2Exception {
        if (!settingsSeen && (f.type != Frame.SETTINGS || f.hasFlag(Frame.FLAG_ACK))) {
            throw Http2Exception.connection(PROTOCOL_ERROR, "the client preface's first frame is " + Frame.typeName(f.type) + ", not SETTINGS");
        }
        switch (f.type) {
            case Frame.DATA -> onData(f);
            case Frame.HEADERS, Frame.CONTINUATION -> onFieldBlock(f);
            case Frame.PRIORITY -> control.onPriority(f, parser.isFirst());
            case Frame.RST_STREAM -> control.onReset(f);
            case Frame.SETTINGS -> {
                if (control.onSettings(f, parser.isFirst(), parser.isLast())) {
                    settingsSeen = true;
                }
            }
            case Frame.PING -> {
                guard.control(io.now(), f.type);
                if (!f.hasFlag(Frame.FLAG_ACK)) {
                    writer.ping(true, f.buf, f.start);
                }
            }
            case Frame.GOAWAY -> {
                peerGoAway = true;
                if (running == 0) {
                    shutDown();
                }
            }
            case Frame.WINDOW_UPDATE -> control.onWindowUpdate(f);
            default -> {
                // unknown frame types are ignored (section 5.5), but not for free
                if (parser.isFirst()) {
                    guard.control(io.now(), f.type);
                }
            }
        }
    }

    private void onData(Frame f) throws Http2Exception {
        int id = f.streamId;
        if (parser.isFirst()) {
            dataTarget = null;
            if (f.length == 0 && !f.hasFlag(Frame.FLAG_END_STREAM)) {
                guard.control(io.now(), f.type);
            }
            received.take(f.length);
            Http2Stream s = streams.get(id);
            if (s == null || !s.state.receives()) {
                received.credit(f.length); // dropped: the connection's window is given back at once
                ids.checkNotIdle(id, "DATA");
                if (ids.resetByServer(id)) {
                    return; // sent before the client saw our RST_STREAM: ignored (section 5.1, closed)
                }
                throw Http2Exception.stream(id, STREAM_CLOSED, "DATA on stream " + id + ", which is " + (s == null ? "closed" : s.state));
            }
            s.recvWindow -= f.length;
            if (s.recvWindow < 0) {
                received.credit(f.length);
                throw Http2Exception.stream(id, FLOW_CONTROL_ERROR, "DATA beyond stream " + id + "'s window");
            }
            dataTarget = s;
            dataPad = f.length;
        }
        Http2Stream s = dataTarget;
        if (s == null) {
            return;
        }
        int n = f.end - f.start;
        if (n > 0) {
            s.in.write(f.buf, f.start, n);
            s.receivedLength += n;
            dataPad -= n;
            s.in.wake();
            s.fireReadable();
        }
        if (s.declaredLength >= 0 && s.receivedLength > s.declaredLength) {
            dataTarget = null;
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "DATA beyond the content-length " + s.declaredLength + " (section 8.1.1)");
        }
        if (parser.isLast()) {
            dataTarget = null;
            if (dataPad > 0) {
                // padding is flow-controlled but never read: given back now
                received.credit(dataPad);
                s.recvWindow += dataPad;
                writer.windowUpdate(id, dataPad);
            }
            if (f.hasFlag(Frame.FLAG_END_STREAM)) {
                endOfRequest(s);
            }
        }
    }

    private void endOfRequest(Http2Stream s) throws Http2Exception {
        if (s.declaredLength >= 0 && s.receivedLength != s.declaredLength) {
            throw Http2Exception.stream(s.id, PROTOCOL_ERROR, "request body of " + s.receivedLength
                    + " bytes, content-length " + s.declaredLength + " (section 8.1.1)");
        }
        s.state = s.state.next(StreamState.Event.RECV_END_STREAM);
        s.inEnded = true;
        s.in.wake();
        s.fireReadable();
        forgetIfDone(s);
    }

    private void onFieldBlock(Frame f) throws Http2Exception {
        if (f.type == Frame.HEADERS && parser.isFirst()) {
            if ((f.streamId & 1) == 0) {
                throw Http2Exception.connection(PROTOCOL_ERROR, "HEADERS on even stream " + f.streamId + " (clients use odd ones)");
            }
            block.begin(f.streamId, f.hasFlag(Frame.FLAG_END_STREAM), f.dependency);
        }
        block.append(f.buf, f.start, f.end, parser.isFirst());
        if (parser.isLast() && f.hasFlag(Frame.FLAG_END_HEADERS)) {
            finishBlock();
        }
    }

    private void finishBlock() throws Http2Exception {
        int id = block.stream;
        Http2Stream s = streams.get(id);
        boolean trailers = s != null;
        if (!trailers && id <= ids.last()) {
            ids.headersOnForgotten(id);
        }
        RequestFields fields = FIELDS.get();
        fields.begin(trailers);
        ByteBuffer encoded = block.flip();
        boolean tooLarge = false;
        try {
            decoder.decode(encoded, fields);
        } catch (HpackException e) {
            if (!e.isHeaderListTooLarge()) {
                throw Http2Exception.connection(ErrorCode.COMPRESSION_ERROR, "field block of stream " + id + ": " + e.getMessage());
            }
            tooLarge = true;
        } finally {
            block.release();
        }
        if (!trailers && id <= ids.last()) {
            return; // decoded for the HPACK state only: a frame the client sent before it saw our reset
        }
        if (trailers) {
            if (!s.state.receives()) {
                ids.headersOnEnded(s); // throws, unless the client sent it before it saw our reset
                return;
            }
            if (!block.endStream || tooLarge || fields.error() != null) {
                throw Http2Exception.stream(id, PROTOCOL_ERROR, "trailers on stream " + id + ": "
                        + (!block.endStream ? "without END_STREAM (section 8.1)" : tooLarge ? "too large" : fields.error()));
            }
            s.trailersIn = fields.toMap();
            endOfRequest(s);
            return;
        }
        ids.open(id);
        if (goAwaySent || closed) {
            return; // after GOAWAY new streams are ignored (section 6.8)
        }
        if (block.dependency == id) {
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "stream " + id + " depends on itself (section 5.3.1)");
        }
        // open and half-closed streams count (section 5.1.2): a response waiting for the client's
        // window too, and a reset stream whose handler has not returned
        if (streams.size() >= limits.maxConcurrentStreams()) {
            throw Http2Exception.stream(id, ErrorCode.REFUSED_STREAM, "more than " + limits.maxConcurrentStreams() + " streams");
        }
        if (tooLarge) {
            framer.refuse(id, 431, block.endStream);
            return;
        }
        String error = fields.error();
        if (error != null) {
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "malformed request on stream " + id + ": " + error);
        }
        s = open(id, "HEAD".equals(fields.method()), fields.contentLength());
        if (block.endStream) {
            try {
                endOfRequest(s);
            } catch (Http2Exception e) {
                running--;
                streams.remove(id);
                throw e;
            }
        }
        io.startStream(s, fields.toHead());
        if (id > LAST_STREAM_ID_TAKEN) {
            goAway(ErrorCode.NO_ERROR, "stream ids running out: open a new connection");
        }
    }

    /** A new stream whose request head arrived: open, counted as running until its handler returns. */
    private Http2Stream open(int id, boolean headRequest, long contentLength) {
        Http2Stream s = io.reusedStream();
        if (s == null || !s.reuse(id, this, limits.initialWindow(), peer.initialWindowSize, limits.responseBuffer(),
                headRequest, limits.ioTimeoutMillis())) {
            s = new Http2Stream(id, this, limits.initialWindow(), peer.initialWindowSize, limits.responseBuffer(),
                    headRequest, limits.ioTimeoutMillis());
        }
        s.state = s.state.next(StreamState.Event.RECV_HEADERS);
        s.declaredLength = contentLength;
        s.lastProgress = io.now();
        streams.put(s);
        running++;
        return s;
    }

    /**
     * An HTTP/1.1 request upgraded to h2c (RFC 7540 section 3.2): the client's settings came in its
     * HTTP2-Settings field (applied as if in a SETTINGS frame, which is not acknowledged), and the
     * request, with its whole body, becomes stream 1, half-closed (remote). Called once, after
     * {@link #start}, before any input.
     *
     * @param head the request as the bytes of an HTTP/1.1 head, without its hop-by-hop fields
     */
    public void upgrade(byte[] settings, byte[] head, boolean headRequest, byte[] body, int off, int len)
            throws Http2Exception {
        peer.applyAll(settings, 0, settings.length);
        framer.peerSettingsChanged();
        ids.open(1);
        Http2Stream s = open(1, headRequest, len);
        if (len > 0) {
            s.in.write(body, off, len);
            s.receivedLength = len;
            received.takenBeforeHttp2(len);
        }
        endOfRequest(s);
        io.startStream(s, head);
    }

    /** Loop side: RST_STREAM with {@code code}; the stream's handler sees its reads and writes fail. */
    void resetStream(int id, ErrorCode code) {
        sendReset(id, code);
        Http2Stream s = streams.get(id);
        if (s != null) {
            s.resetNow();
            forgetIfDone(s);
        }
    }

    /** Loop side: RST_STREAM on {@code id}, remembered so that what the client sent before it saw it is ignored. */
    void sendReset(int id, ErrorCode code) {
        writer.rstStream(id, code);
        ids.resetSent(id);
    }

    /** Loop side: the handler of {@code s} has finished and its exchange went back. */
    public void handlerDone(Http2Stream s) {
        s.handlerDone = true;
        running--;
        forgetIfDone(s);
    }

    void forgetIfDone(Http2Stream s) {
        if (s.handlerDone && (s.state == StreamState.CLOSED || closed) && streams.get(s.id) == s) {
            streams.remove(s.id);
            s.in.giveBack(); // the handler has returned and the stream is closed: no thread uses its rings now
            s.out.giveBack();
            framer.forget(s);
            if (s.retire()) {
                io.streamDone(s);
            }
        }
        if (running == 0 && (peerGoAway || goAwaySent) && !closed) {
            shutDown();
        }
    }

    /** Any thread: {@code s} has output, or read body bytes to grant again; the loop frames it soon. */
    void signal(Http2Stream s) {
        if (s.markQueued()) {
            signalled.push(s);
            // in a batch the batch's end wakes the loop (pushed first: that end, or this, sees the other)
            if (s.beforeWait == null && signalled.wakeNeeded()) {
                io.wakeLoop();
            }
        }
    }

    void signalOnLoop(Http2Stream s) {
        if (s.markQueued()) {
            signalled.push(s);
        }
    }

    void runCallback(Runnable r) {
        io.runOnLoop(r);
    }

    /** Loop side: frames what the signalled streams have; the caller then writes {@link #writer}'s bytes. */
    public void flush() {
        signalled.woken();
        Http2Stream s;
        while ((s = signalled.takeAll()) != null) {
            while (s != null) {
                Http2Stream next = s.nextReady;
                s.nextReady = null;
                s.unmarkQueued();
                framer.write(s);
                s = next;
            }
        }
        received.flush(writer);
    }

    /** The handler read {@code n} body bytes: the client may send them again, on the stream and the connection. */
    void grant(Http2Stream s, int n) {
        received.credit(n);
        if (s.state.receives()) {
            s.recvWindow += n;
            writer.windowUpdate(s.id, n);
        }
    }

    /** Graceful stop: GOAWAY with the last stream taken; the streams in flight finish, then the connection closes. */
    public void stop() {
        goAway(ErrorCode.NO_ERROR, "server stopping");
        if (running == 0) {
            shutDown();
        }
    }

    private void goAway(ErrorCode code, String message) {
        if (!goAwaySent) {
            goAwaySent = true;
            writer.goAway(ids.last(), code, message);
        }
    }

    /** The connection is gone (any reason): every stream's handler stops waiting. */
    public void closed() {
        closed = true;
        block.release();
        for (int i = 0, n = streams.slots(); i < n; i++) {
            Http2Stream s = streams.at(i);
            if (s != null) {
                s.resetNow();
            }
        }
    }

    /** Loop side, once a second: see {@link FlowControlFrames#resetStalled}; whether a stream was reset. */
    public boolean resetStalled(long now) {
        return control.resetStalled(now);
    }

    /** Whether no stream is in flight (the reaper may close the connection after its keep-alive time). */
    public boolean isIdle() {
        return running == 0 && streams.isEmpty();
    }

    long now() {
        return io.now();
    }

    /** Where the Date field of responses comes from (null: none). */
    public void dateSource(java.util.function.Supplier<String> d) {
        framer.dateSource(d);
    }

    public FrameWriter output() {
        return writer;
    }

    @Override
    public String toString() {
        return "HTTP/2 session, " + streams.size() + " streams, " + running + " handlers running, " + ids
                + ", parser " + parser + ", " + guard + (goAwaySent ? ", GOAWAY sent" : "") + (closed ? ", closed" : "");
    }
}
