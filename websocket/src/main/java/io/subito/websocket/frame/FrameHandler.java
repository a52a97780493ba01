package io.subito.websocket.frame;

import java.nio.ByteBuffer;

/** What a {@link FrameParser} finds: a frame's header, its unmasked payload in one or more pieces, its end. */
public interface FrameHandler {
    void frameStart(boolean fin, boolean rsv1, int opcode, long length) throws WsProtocolException;

    /** A piece of the payload, unmasked; valid only during the call. */
    void payload(ByteBuffer data) throws WsProtocolException;

    void frameEnd() throws WsProtocolException;
}
