package io.subito.websocket.frame;

import java.nio.ByteBuffer;

/** What a {@link FrameParser} finds: a frame's header, its unmasked payload in one or more pieces, its end. */
public interface FrameHandler {
    void frameStart(boolean fin, boolean rsv1, int opcode, long length) throws WsProtocolException;

    /** A piece of the payload, unmasked; valid only during the call. */
    void payload(ByteBuffer data) throws WsProtocolException;

    void frameEnd() throws WsProtocolException;

    /**
     * Whether this handler copies the next {@code n} payload bytes out anyway (into a message):
     * then it gets them still masked ({@link #maskedPayload}) and unmasks its copy, which is
     * cheaper than unmasking in the reader's (direct) buffer first.
     */
    default boolean takesMasked(long n) {
        return false;
    }

    /** A piece of the payload, still masked from mask byte {@code maskIndex} on; valid only during the call. */
    default void maskedPayload(ByteBuffer masked, byte[] mask, int maskIndex) throws WsProtocolException {
        throw new UnsupportedOperationException("this handler takes unmasked payloads only");
    }
}
