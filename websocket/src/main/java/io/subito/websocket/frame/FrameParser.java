package io.subito.websocket.frame;

import java.nio.ByteBuffer;

/**
 * Reads client frames (RFC 6455 section 5.2; a client's parser reads server frames) from bytes as they arrive, without buffering
 * payloads: a header is decoded once all of it (2 to 14 bytes) is there, then the payload is
 * unmasked in place and handed on piece by piece, so a frame of any size streams through.
 *
 * <p>Refused with 1002: a reserved bit (RSV1 too, unless an extension allows it), a reserved
 * opcode, an unmasked frame (clients must mask, section 5.1), a control frame that is fragmented
 * or longer than 125 bytes (section 5.5), a 64-bit length with its top bit set.
 *
 * <pre>
 *   HEADER --(whole header in)--> PAYLOAD --(length bytes handed on)--> HEADER
 * </pre>
 */
public final class FrameParser {
    /** Where the parser is in the current frame. */
    enum State {
        HEADER, PAYLOAD
    }

    private final FrameHandler handler;
    private State state = State.HEADER;
    private boolean rsv1Allowed;
    /** A server reads masked frames only (section 5.1); a client reads unmasked ones only. */
    private boolean fromClient = true;
    private long remaining;
    private final byte[] mask = new byte[4];
    /** Offset into the mask of the next payload byte: the payload may arrive in pieces. */
    private int maskIndex;

    public FrameParser(FrameHandler handler) {
        this.handler = handler;
    }

    /** A client's parser: the server's frames are never masked, and a masked one is refused (section 5.1). */
    public void readServerFrames() {
        fromClient = false;
    }

    /** An extension (permessage-deflate) gives RSV1 a meaning. */
    public void allowRsv1(boolean allowed) {
        this.rsv1Allowed = allowed;
    }

    /**
     * Consumes what it can of {@code in}: whole headers and any payload bytes. Leaves the bytes of
     * an incomplete header in {@code in} (its position at their start) for the next call.
     */
    public void parse(ByteBuffer in) throws WsProtocolException {
        while (in.hasRemaining()) {
            if (state == State.HEADER) {
                if (!readHeader(in)) {
                    return;
                }
            } else {
                payload(in);
            }
        }
    }

    /** Whether the parser is between frames (nothing of a frame read). */
    public boolean betweenFrames() {
        return state == State.HEADER;
    }

    private boolean readHeader(ByteBuffer in) throws WsProtocolException {
        int start = in.position();
        int avail = in.remaining();
        if (avail < 2) {
            return false;
        }
        int b0 = in.get(start) & 0xFF;
        int b1 = in.get(start + 1) & 0xFF;
        int len7 = b1 & 0x7F;
        int need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (fromClient ? 4 : 0);
        boolean fin = (b0 & 0x80) != 0;
        boolean rsv1 = (b0 & 0x40) != 0;
        int opcode = b0 & 0x0F;
        check(b0, b1, rsv1, opcode, fin, len7);
        if (avail < need) {
            return false;
        }
        long length;
        int p = start + 2;
        if (len7 == 126) {
            length = in.getShort(p) & 0xFFFF;
            p += 2;
        } else if (len7 == 127) {
            length = in.getLong(p);
            p += 8;
            if (length < 0) {
                throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "frame length has its most significant bit set");
            }
        } else {
            length = len7;
        }
        in.position(p);
        if (fromClient) {
            in.get(mask);
        }
        maskIndex = 0;
        remaining = length;
        state = State.PAYLOAD;
        handler.frameStart(fin, rsv1, opcode, length);
        if (length == 0) {
            endFrame();
        }
        return true;
    }

    /** The rules that need only the first two bytes: checked before the rest of the header arrives. */
    private void check(int b0, int b1, boolean rsv1, int opcode, boolean fin, int len7) throws WsProtocolException {
        if ((b0 & 0x30) != 0 || (rsv1 && !rsv1Allowed)) {
            throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "reserved bits set without an extension that defines them");
        }
        if (!Opcode.isKnown(opcode)) {
            throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "reserved opcode " + opcode);
        }
        if ((b1 & 0x80) == 0 && fromClient) {
            throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "client frame not masked");
        }
        if ((b1 & 0x80) != 0 && !fromClient) {
            throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "server frame masked");
        }
        if (Opcode.isControl(opcode)) {
            if (!fin) {
                throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "fragmented " + Opcode.name(opcode) + " frame");
            }
            if (len7 > 125) {
                throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, Opcode.name(opcode) + " frame longer than 125 bytes");
            }
        }
    }

    private void payload(ByteBuffer in) throws WsProtocolException {
        int n = (int) Math.min(remaining, in.remaining());
        int start = in.position();
        boolean masked = fromClient && handler.takesMasked(n);
        if (fromClient && !masked) {
            maskIndex = Masking.unmask(in, start, n, mask, maskIndex);
        }
        remaining -= n;
        ByteBuffer piece = in.slice(start, n);
        in.position(start + n);
        if (masked) {
            int m = maskIndex;
            maskIndex = (m + n) & 3;
            handler.maskedPayload(piece, mask, m);
        } else {
            handler.payload(piece);
        }
        if (remaining == 0) {
            endFrame();
        }
    }

    private void endFrame() throws WsProtocolException {
        state = State.HEADER;
        handler.frameEnd();
    }

    @Override
    public String toString() {
        return "FrameParser " + state + (state == State.PAYLOAD ? " " + remaining + " bytes left" : "");
    }
}
