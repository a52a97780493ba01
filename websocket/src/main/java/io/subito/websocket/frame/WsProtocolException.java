package io.subito.websocket.frame;

/** A peer broke a protocol rule: the connection is closed with {@link #closeCode()} and this message as the reason. */
public final class WsProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int closeCode;

    public WsProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
