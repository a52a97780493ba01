package io.subito.websocket.frame;

import java.nio.ByteBuffer;

/** What a {@link FrameParser} finds: a frame's header, its unmasked payload in one or more pieces, its end. */
public interface FrameHandler {
    void frameStart(boolean fin, boolean rsv1, int opcode, long length) throws WsProtocolException;

    /** A piece of the payload, unmasked; valid only during the call. */
    void payload(ByteBuffer data) throws WsProtocolException;

    void frameEnd() throws WsProtocolException;

    /**
     * Whether the frame's whole payload, {@code n} bytes here at once, is a whole message this
     * handler copies out anyway: then it gets them still masked ({@link #maskedPayload}) and
     * unmasks while copying, one pass over the bytes instead of two.
     */
    default boolean copiesWhole(long n) {
        return false;
    }

    /** The whole payload of a frame, still masked from mask byte {@code maskIndex} on; valid only during the call. */
    default void maskedPayload(ByteBuffer masked, byte[] mask, int maskIndex) throws WsProtocolException {
        throw new UnsupportedOperationException("this handler takes unmasked payloads only");
    }
}
