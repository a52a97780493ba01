package io.subito.websocket.frame;

import java.nio.ByteBuffer;

/** Where a {@link MessageAssembler} delivers what the client sent. */
public interface MessageSink {
    /** Whether text messages go out in parts as they arrive (a partial or streaming handler) instead of whole. */
    boolean partialText();

    boolean partialBinary();

    /** A whole text message, or a part of one ({@code last} on its final part); always whole characters. */
    void text(String text, boolean last) throws WsProtocolException;

    /** A whole binary message or a part of one; the buffer is the receiver's. */
    void binary(ByteBuffer data, boolean last) throws WsProtocolException;

    void ping(ByteBuffer payload);

    void pong(ByteBuffer payload);

    /** The client's close frame: its code ({@link CloseCode#NO_STATUS} when it had none) and reason. */
    void closeFrame(int code, String reason);
}
