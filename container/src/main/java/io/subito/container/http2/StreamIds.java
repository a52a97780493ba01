package io.subito.container.http2;

import static io.subito.container.http2.ErrorCode.PROTOCOL_ERROR;
import static io.subito.container.http2.ErrorCode.STREAM_CLOSED;

/**
 * What a connection remembers of the stream ids its client used, to tell apart the three kinds of
 * "not open" ids at or below the last one (RFC 9113 sections 5.1 and 5.1.1) once their streams
 * are forgotten:
 * <ul>
 * <li>an id the client skipped (it never opened it): a HEADERS there reuses an id, PROTOCOL_ERROR;</li>
 * <li>an id whose stream the server reset recently: the client may have sent frames before it
 *     saw the reset, which are ignored (section 5.1, "closed");</li>
 * <li>any other: a stream that ended normally, on which a HEADERS is a STREAM_CLOSED connection error.</li>
 * </ul>
 * Clients number their streams 1, 3, 5, ... without gaps, so the memory for the first kind is
 * never allocated for them; both memories are small rings (the oldest entry goes first), so
 * what a connection keeps stays bounded whatever the client does. An id that fell out of a ring
 * is taken as the third kind: still an error, only with the other code.
 */
final class StreamIds {
    /** Ranges of skipped ids kept: {@code GAPS} pairs [first, last]. */
    static final int GAPS = 8;
    /** Ids of streams reset by the server kept. */
    static final int RESETS = 16;

    private int last;
    /** Pairs [first, last] of skipped ids, oldest first; null until a client skips one. */
    private int[] gaps;
    private int gapCount;
    /** Ids the server reset, a ring; null until the first reset. */
    private int[] resets;
    private int resetNext;

    /** The highest id a HEADERS opened (0 before the first). */
    int last() {
        return last;
    }

    /** A HEADERS opens {@code id}, above {@link #last}: the odd ids jumped over are never opened. */
    void open(int id) {
        int next = last == 0 ? 1 : last + 2;
        if (id > next) {
            if (gaps == null) {
                gaps = new int[2 * GAPS];
            }
            if (gapCount == GAPS) {
                System.arraycopy(gaps, 2, gaps, 0, 2 * (GAPS - 1));
                gapCount--;
            }
            gaps[2 * gapCount] = next;
            gaps[2 * gapCount + 1] = id - 2;
            gapCount++;
        }
        last = id;
    }

    /** Section 5.1: on an idle stream only HEADERS and PRIORITY may come. */
    void checkNotIdle(int id, String what) throws Http2Exception {
        if (id > last) {
            throw Http2Exception.connection(PROTOCOL_ERROR, what + " on idle stream " + id + " (section 5.1)");
        }
    }

    /** Whether {@code id}, at or below {@link #last}, is one the client skipped (as far as remembered). */
    boolean skipped(int id) {
        for (int i = 0; i < gapCount; i++) {
            if (id >= gaps[2 * i] && id <= gaps[2 * i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The server sent RST_STREAM on {@code id}. */
    void resetSent(int id) {
        if (resets == null) {
            resets = new int[RESETS];
        }
        resets[resetNext] = id;
        resetNext = (resetNext + 1) % RESETS;
    }

    /** Whether the server reset {@code id} recently (frames the client sent before it knew are ignored). */
    boolean resetByServer(int id) {
        if (resets != null) {
            for (int r : resets) {
                if (r == id) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A HEADERS for {@code id}, at or below the last stream, whose stream is forgotten (section
     * 5.1): an id the client skipped cannot be opened any more (section 5.1.1), a stream that ended
     * takes no more frames (a connection error of type STREAM_CLOSED); on a stream the server
     * reset the block is decoded and dropped.
     */
    void headersOnForgotten(int id) throws Http2Exception {
        if (skipped(id)) {
            throw Http2Exception.connection(PROTOCOL_ERROR, "HEADERS on stream " + id + ", which the client skipped: not above the last stream "
                    + last + " (section 5.1.1)");
        }
        if (!resetByServer(id)) {
            throw Http2Exception.connection(STREAM_CLOSED, "HEADERS on stream " + id + ", which has ended (section 5.1)");
        }
    }

    /**
     * A HEADERS on a stream that is still known but takes no more from the client (section 5.1):
     * after both sides ended it, a connection error; after the client's END_STREAM or its reset, a
     * stream error; after our reset, nothing (the client sent it before it knew).
     */
    void headersOnEnded(Http2Stream s) throws Http2Exception {
        if (resetByServer(s.id)) {
            return;
        }
        if (s.state == StreamState.CLOSED && !s.reset) {
            throw Http2Exception.connection(STREAM_CLOSED, "HEADERS on stream " + s.id + ", which has ended (section 5.1)");
        }
        throw Http2Exception.stream(s.id, STREAM_CLOSED, "HEADERS on stream " + s.id + ", which is " + s.state);
    }

    @Override
    public String toString() {
        return "last stream " + last + ", " + gapCount + " gaps" + (resets == null ? "" : ", resets remembered");
    }
}
