package io.subito.container.http2;

/**
 * A violation of RFC 9113 found while reading: a connection error (section 5.4.1, answered with
 * GOAWAY and the close) when {@link #streamId()} is 0, else a stream error (section 5.4.2,
 * answered with RST_STREAM on that stream; the connection goes on).
 */
public final class Http2Exception extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final int streamId;

    private Http2Exception(ErrorCode code, int streamId, String message) {
        super(message, null, false, false); // refusals are expected input: no stack trace to fill
        this.code = code;
        this.streamId = streamId;
    }

    public static Http2Exception connection(ErrorCode code, String message) {
        return new Http2Exception(code, 0, message);
    }

    public static Http2Exception stream(int streamId, ErrorCode code, String message) {
        return new Http2Exception(code, streamId, message);
    }

    public ErrorCode code() {
        return code;
    }

    /** 0 for a connection error. */
    public int streamId() {
        return streamId;
    }

    public boolean isConnectionError() {
        return streamId == 0;
    }

    @Override
    public String toString() {
        return (streamId == 0 ? "connection error " : "stream " + streamId + " error ") + code + ": " + getMessage();
    }
}
