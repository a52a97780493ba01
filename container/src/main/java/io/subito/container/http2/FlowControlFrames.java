package io.subito.container.http2;

import static io.subito.container.http2.ErrorCode.FLOW_CONTROL_ERROR;
import static io.subito.container.http2.ErrorCode.PROTOCOL_ERROR;

/**
 * The frames by which the client steers what the server may send: PRIORITY (ignored), SETTINGS (the initial window
 * of every stream, the frame size, the HPACK table), RST_STREAM and WINDOW_UPDATE (a stream's or the
 * connection's window), with their checks (RFC 9113 sections 6.5, 6.9) and their cost in the
 * {@link FloodGuard}; and the other side of it, a response that waits for a window the client
 * never opens. Part of the {@link Http2Session}, on its loop.
 */
final class FlowControlFrames {
    private final Http2Session session;

    FlowControlFrames(Http2Session session) {
        this.session = session;
    }

    /** SETTINGS (section 6.5); true once a whole non-ACK frame was applied and acknowledged. */
    boolean onSettings(Frame f, boolean first, boolean last) throws Http2Exception {
        if (first) {
            session.guard.control(session.io.now(), f.type);
        }
        if (f.hasFlag(Frame.FLAG_ACK)) {
            return false;
        }
        long delta = session.peer.applyAll(f.buf, f.start, f.end);
        if (delta != 0) {
            for (int i = 0, n = session.streams.slots(); i < n; i++) {
                Http2Stream s = session.streams.at(i);
                if (s == null) {
                    continue;
                }
                s.sendWindow += delta;
                if (s.sendWindow > Http2Settings.MAX_WINDOW) {
                    throw Http2Exception.connection(FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE makes stream " + s.id
                            + "'s window exceed 2^31-1 (section 6.9.2)");
                }
            }
        }
        session.framer.peerSettingsChanged();
        if (!last) {
            return false;
        }
        session.writer.settingsAck();
        if (delta > 0) {
            for (int i = 0, n = session.streams.slots(); i < n; i++) {
                Http2Stream s = session.streams.at(i);
                if (s != null) {
                    session.signalOnLoop(s);
                }
            }
        }
        return true;
    }

    /** PRIORITY (section 6.3): checked, then ignored as RFC 9113 allows; each one costs the client in the {@link FloodGuard}. */
    void onPriority(Frame f, boolean first) throws Http2Exception {
        session.guard.control(session.io.now(), f.type);
        if (first && f.length != 5) {
            throw Http2Exception.stream(f.streamId, ErrorCode.FRAME_SIZE_ERROR, "PRIORITY frame of " + f.length + " bytes");
        }
        if (f.dependency == f.streamId) {
            throw Http2Exception.stream(f.streamId, PROTOCOL_ERROR, "stream " + f.streamId + " depends on itself (section 5.3.1)");
        }
    }

    /** WINDOW_UPDATE (section 6.9): the client opens a window of ours. */
    void onWindowUpdate(Frame f) throws Http2Exception {
        int id = f.streamId;
        int inc = f.int31(0);
        if (inc < FloodGuard.SMALL_WINDOW_UPDATE) {
            session.guard.control(session.io.now(), f.type);
        }
        if (id == 0) {
            if (inc == 0) {
                throw Http2Exception.connection(PROTOCOL_ERROR, "WINDOW_UPDATE of 0 on the connection (section 6.9)");
            }
            session.connSendWindow += inc;
            if (session.connSendWindow > Http2Settings.MAX_WINDOW) {
                throw Http2Exception.connection(FLOW_CONTROL_ERROR, "the connection's window exceeds 2^31-1 (section 6.9.1)");
            }
            session.framer.connectionWindowOpened();
            return;
        }
        session.ids.checkNotIdle(id, "WINDOW_UPDATE");
        Http2Stream s = session.streams.get(id);
        if (inc == 0) {
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "WINDOW_UPDATE of 0 on stream " + id + " (section 6.9)");
        }
        if (s == null || s.reset) {
            if (inc >= FloodGuard.SMALL_WINDOW_UPDATE) {
                session.guard.control(session.io.now(), f.type); // a window for a stream that is gone moves nothing
            }
            return;
        }
        s.sendWindow += inc;
        if (s.sendWindow > Http2Settings.MAX_WINDOW) {
            throw Http2Exception.stream(id, FLOW_CONTROL_ERROR, "stream " + id + "'s window exceeds 2^31-1 (section 6.9.1)");
        }
        session.signalOnLoop(s);
    }

    /**
     * Loop side, once a second: a stream whose response has waited for the client's window longer
     * than the I/O timeout (a client that reads nothing: slow read) is reset, so its buffers go
     * and its handler, if it still waits, fails.
     *
     * @return whether a stream was reset (frames to write)
     */
    boolean resetStalled(long now) {
        java.util.List<Http2Stream> stalled = null;
        for (int i = 0, n = session.streams.slots(); i < n; i++) {
            Http2Stream s = session.streams.at(i);
            if (s != null && !s.reset && s.headSent && !s.endSent && s.hasPendingOutput() && now - s.lastProgress > session.limits.ioTimeoutMillis()) {
                if (stalled == null) {
                    stalled = new java.util.ArrayList<>(2);
                }
                stalled.add(s);
            }
        }
        if (stalled == null) {
            return false;
        }
        for (Http2Stream s : stalled) {
            session.resetStream(s.id, ErrorCode.CANCEL);
        }
        return true;
    }

    /** RST_STREAM (section 6.4): the stream ends; each one costs the client in the {@link FloodGuard}. */
    void onReset(Frame f) throws Http2Exception {
        int id = f.streamId;
        session.ids.checkNotIdle(id, "RST_STREAM");
        Http2Stream s = session.streams.get(id);
        if (s != null) {
            s.resetNow();
            s.out.release();
            session.forgetIfDone(s);
        }
        session.guard.reset(session.io.now());
    }
}
