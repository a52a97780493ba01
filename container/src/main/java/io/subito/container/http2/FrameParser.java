package io.subito.container.http2;

import static io.subito.container.http2.ErrorCode.FRAME_SIZE_ERROR;
import static io.subito.container.http2.ErrorCode.PROTOCOL_ERROR;

/**
 * Finds frames (RFC 9113 section 4) in a connection's input and checks what can be checked of a
 * frame alone: its size against SETTINGS_MAX_FRAME_SIZE, the stream id each type needs, the
 * fixed lengths, padding (section 6.1), and that a field block's CONTINUATION frames follow it
 * with nothing between (section 6.10). Nothing is copied or allocated: {@link #next} fills the
 * one reusable {@link Frame} with offsets into the caller's array.
 *
 * <p>A frame need not fit the input window: DATA, HEADERS, PUSH_PROMISE, CONTINUATION, SETTINGS,
 * GOAWAY and unknown frames are handed over in chunks as their bytes arrive ({@link #isFirst()},
 * {@link #isLast()}), so a 16 KiB input buffer takes 16 KiB frames plus their header. The small
 * fixed-size frames (PRIORITY, RST_STREAM, PING, WINDOW_UPDATE) are handed over whole.
 */
public final class FrameParser {
    /** RFC 9113 section 6.5.2: SETTINGS_MAX_FRAME_SIZE's range. */
    public static final int MIN_MAX_FRAME_SIZE = 16_384;
    public static final int MAX_MAX_FRAME_SIZE = 16_777_215;

    private int maxFrameSize = MIN_MAX_FRAME_SIZE;
    /** The stream whose field block is not finished (a HEADERS or PUSH_PROMISE without END_HEADERS); 0 if none. */
    private int continuationOf;

    // the frame being handed over in chunks
    private boolean inFrame;
    private boolean firstDone;
    private int type;
    private int flags;
    private int streamId;
    private int length;
    /** Data bytes of the frame not yet handed over, then padding bytes to skip. */
    private int dataLeft;
    private int padLeft;
    private boolean first;
    private boolean last;
    private boolean delivered;
    /** HEADERS with PRIORITY: the stream it depends on (section 5.3.1: not itself); -1 without. */
    private int dependency = -1;

    /** What the server announced in SETTINGS_MAX_FRAME_SIZE (a larger frame is a FRAME_SIZE_ERROR). */
    public void maxFrameSize(int size) {
        maxFrameSize = size;
    }

    /** Whether this chunk is the first of its frame (flow control counts the frame's whole length then). */
    public boolean isFirst() {
        return first;
    }

    /** Whether this chunk ends its frame (END_STREAM and END_HEADERS take effect then). */
    public boolean isLast() {
        return last;
    }

    /** Whether the last {@link #next} filled the frame (it may consume bytes without: a header whose prefix is not here). */
    public boolean delivered() {
        return delivered;
    }

    /** Whether a field block waits for its CONTINUATION frames. */
    public boolean inFieldBlock() {
        return continuationOf != 0;
    }

    /**
     * The next frame, or chunk of one, in {@code buf[pos, lim)} into {@code f}; returns the
     * position after what it consumed, or {@code pos} when more bytes are needed first.
     */
    public int next(byte[] buf, int pos, int lim, Frame f) throws Http2Exception {
        delivered = false;
        if (!inFrame) {
            if (lim - pos < Frame.HEADER_LENGTH) {
                return pos;
            }
            int len = (buf[pos] & 0xFF) << 16 | (buf[pos + 1] & 0xFF) << 8 | buf[pos + 2] & 0xFF;
            int t = buf[pos + 3] & 0xFF;
            int fl = buf[pos + 4] & 0xFF;
            int id = ((buf[pos + 5] & 0x7F) << 24) | (buf[pos + 6] & 0xFF) << 16 | (buf[pos + 7] & 0xFF) << 8 | buf[pos + 8] & 0xFF;
            if (len > maxFrameSize) {
                throw Http2Exception.connection(FRAME_SIZE_ERROR, Frame.typeName(t) + " frame of " + len
                        + " bytes exceeds SETTINGS_MAX_FRAME_SIZE " + maxFrameSize);
            }
            checkSequence(t, fl, id);
            int fixed = fixedLength(t);
            if (t == Frame.PRIORITY && len != fixed && id != 0) {
                fixed = -1; // section 6.3: a stream error; handed over in chunks, the session resets the stream
            }
            if (fixed >= 0) {
                checkFixed(t, fl, id, len, fixed);
                if (lim - pos < Frame.HEADER_LENGTH + len) {
                    return pos; // small frames are handed over whole
                }
                first = true;
                last = true;
                dependency = t == Frame.PRIORITY ? readInt31(buf, pos + Frame.HEADER_LENGTH) : -1;
                fill(f, t, fl, id, len, buf, pos + Frame.HEADER_LENGTH, pos + Frame.HEADER_LENGTH + len);
                return pos + Frame.HEADER_LENGTH + len;
            }
            checkChunked(t, fl, id, len);
            type = t;
            flags = fl;
            streamId = id;
            length = len;
            inFrame = true;
            firstDone = false;
            pos += Frame.HEADER_LENGTH;
        }
        return chunk(buf, pos, lim, f);
    }

    private int chunk(byte[] buf, int pos, int lim, Frame f) throws Http2Exception {
        if (!firstDone) {
            int prefix = prefixLength();
            if (lim - pos < prefix) {
                return pos;
            }
            int pad = (flags & Frame.FLAG_PADDED) != 0 && padded(type) ? buf[pos] & 0xFF : 0;
            if (pad > length - prefix) {
                throw Http2Exception.connection(PROTOCOL_ERROR, Frame.typeName(type) + " frame on stream " + streamId
                        + ": padding of " + pad + " bytes is not shorter than its payload of " + length);
            }
            dependency = -1;
            if (type == Frame.HEADERS && (flags & Frame.FLAG_PRIORITY) != 0) {
                dependency = readInt31(buf, pos + prefix - 5);
            }
            if (type == Frame.GOAWAY) {
                prefix = 0; // its last-stream-id and error code are the first chunk's first 8 bytes
            }
            pos += prefix;
            dataLeft = length - prefix - pad;
            padLeft = pad;
            firstDone = true;
            first = true;
        } else {
            first = false;
        }
        int n = Math.min(dataLeft, lim - pos);
        if (type == Frame.SETTINGS && n < dataLeft) {
            n -= n % 6; // settings are handed over whole, six bytes each
        }
        dataLeft -= n;
        int skip = dataLeft == 0 ? Math.min(padLeft, lim - pos - n) : 0;
        padLeft -= skip;
        last = dataLeft == 0 && padLeft == 0;
        if (n == 0 && !last && !first) {
            return pos + skip; // nothing to hand over: only padding, or less than one setting
        }
        fill(f, type, flags, streamId, length, buf, pos, pos + n);
        if (last) {
            inFrame = false;
        }
        return pos + n + skip;
    }

    /** Bytes before the data that must be here together: the pad length and HEADERS' priority fields. */
    private int prefixLength() {
        int p = (flags & Frame.FLAG_PADDED) != 0 && padded(type) ? 1 : 0;
        if (type == Frame.HEADERS && (flags & Frame.FLAG_PRIORITY) != 0) {
            p += 5;
        }
        if (type == Frame.PUSH_PROMISE) {
            p += 4;
        }
        if (type == Frame.GOAWAY) {
            p = 8;
        }
        if (p > length) {
            return -1;
        }
        return p;
    }

    private static int readInt31(byte[] buf, int at) {
        return ((buf[at] & 0x7F) << 24) | (buf[at + 1] & 0xFF) << 16 | (buf[at + 2] & 0xFF) << 8 | buf[at + 3] & 0xFF;
    }

    private static boolean padded(int type) {
        return type == Frame.DATA || type == Frame.HEADERS || type == Frame.PUSH_PROMISE;
    }

    private void fill(Frame f, int t, int fl, int id, int len, byte[] buf, int start, int end) {
        delivered = true;
        f.dependency = first ? dependency : -1;
        f.type = t;
        f.flags = fl;
        f.streamId = id;
        f.length = len;
        f.buf = buf;
        f.start = start;
        f.end = end;
    }

    /** Section 6.10: between a field block's first frame and its END_HEADERS only its CONTINUATION frames may come. */
    private void checkSequence(int t, int fl, int id) throws Http2Exception {
        if (continuationOf != 0) {
            if (t != Frame.CONTINUATION || id != continuationOf) {
                throw Http2Exception.connection(PROTOCOL_ERROR, Frame.typeName(t) + " frame on stream " + id
                        + " while the field block of stream " + continuationOf + " waits for CONTINUATION");
            }
        } else if (t == Frame.CONTINUATION) {
            throw Http2Exception.connection(PROTOCOL_ERROR, "CONTINUATION frame on stream " + id + " follows no field block");
        }
        if (t == Frame.HEADERS || t == Frame.PUSH_PROMISE || t == Frame.CONTINUATION) {
            continuationOf = (fl & Frame.FLAG_END_HEADERS) != 0 ? 0 : id;
        }
    }

    /** The payload length of the types that have one; -1 for the others. */
    private static int fixedLength(int t) {
        return switch (t) {
            case Frame.PRIORITY -> 5;
            case Frame.RST_STREAM, Frame.WINDOW_UPDATE -> 4;
            case Frame.PING -> 8;
            default -> -1;
        };
    }

    private static void checkFixed(int t, int fl, int id, int len, int fixed) throws Http2Exception {
        boolean connectionLevel = t == Frame.PING;
        if (connectionLevel != (id == 0) && t != Frame.WINDOW_UPDATE) {
            throw Http2Exception.connection(PROTOCOL_ERROR, Frame.typeName(t) + " frame on "
                    + (id == 0 ? "stream 0" : "stream " + id + " (it belongs to the connection)"));
        }
        if (len != fixed) {
            throw Http2Exception.connection(FRAME_SIZE_ERROR, Frame.typeName(t) + " frame of " + len + " bytes (it has " + fixed + ")");
        }
    }

    private void checkChunked(int t, int fl, int id, int len) throws Http2Exception {
        switch (t) {
            case Frame.DATA, Frame.HEADERS, Frame.CONTINUATION -> {
                if (id == 0) {
                    throw Http2Exception.connection(PROTOCOL_ERROR, Frame.typeName(t) + " frame on stream 0");
                }
            }
            case Frame.PUSH_PROMISE -> throw Http2Exception.connection(PROTOCOL_ERROR, "PUSH_PROMISE from a client (section 8.4)");
            case Frame.SETTINGS -> {
                if (id != 0) {
                    throw Http2Exception.connection(PROTOCOL_ERROR, "SETTINGS frame on stream " + id);
                }
                if ((fl & Frame.FLAG_ACK) != 0 && len != 0) {
                    throw Http2Exception.connection(FRAME_SIZE_ERROR, "SETTINGS ACK with a payload of " + len + " bytes");
                }
                if (len % 6 != 0) {
                    throw Http2Exception.connection(FRAME_SIZE_ERROR, "SETTINGS frame of " + len + " bytes, not a multiple of 6");
                }
            }
            case Frame.GOAWAY -> {
                if (id != 0) {
                    throw Http2Exception.connection(PROTOCOL_ERROR, "GOAWAY frame on stream " + id);
                }
                if (len < 8) {
                    throw Http2Exception.connection(FRAME_SIZE_ERROR, "GOAWAY frame of " + len + " bytes (at least 8)");
                }
            }
            default -> {
                // unknown types are ignored (section 5.5)
            }
        }
        length = len;
        flags = fl;
        type = t;
        if (prefixLength() < 0) {
            throw Http2Exception.connection(FRAME_SIZE_ERROR, Frame.typeName(t) + " frame of " + len
                    + " bytes is shorter than its padding and priority fields");
        }
    }

    @Override
    public String toString() {
        return inFrame ? "inside " + Frame.typeName(type) + " stream " + streamId + ", " + dataLeft + " bytes left"
                : continuationOf != 0 ? "waiting for CONTINUATION of stream " + continuationOf : "between frames";
    }
}
