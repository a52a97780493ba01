package io.subito.container.http2;

/**
 * The SETTINGS parameters of one side of a connection (RFC 9113 section 6.5.2), with their
 * initial values, and the checks a received SETTINGS frame's values must pass.
 */
public final class Http2Settings {
    public static final int HEADER_TABLE_SIZE = 0x1;
    public static final int ENABLE_PUSH = 0x2;
    public static final int MAX_CONCURRENT_STREAMS = 0x3;
    public static final int INITIAL_WINDOW_SIZE = 0x4;
    public static final int MAX_FRAME_SIZE = 0x5;
    public static final int MAX_HEADER_LIST_SIZE = 0x6;
    public static final int DEFAULT_WINDOW = 65_535;
    public static final int MAX_WINDOW = Integer.MAX_VALUE;

    public int headerTableSize = 4096;
    public boolean enablePush = true;
    /** Unlimited until the peer says. */
    public int maxConcurrentStreams = Integer.MAX_VALUE;
    public int initialWindowSize = DEFAULT_WINDOW;
    public int maxFrameSize = FrameParser.MIN_MAX_FRAME_SIZE;
    public int maxHeaderListSize = Integer.MAX_VALUE;

    /**
     * Applies one received setting; unknown identifiers are ignored (section 6.5.2).
     *
     * @return the change of INITIAL_WINDOW_SIZE (the caller adjusts every stream's window by it), else 0
     */
    public long apply(int id, int value) throws Http2Exception {
        switch (id) {
            // values are unsigned 32-bit: one of 2^31 or more is as good as unlimited (found by fuzzing)
            case HEADER_TABLE_SIZE -> headerTableSize = value < 0 ? Integer.MAX_VALUE : value;
            case ENABLE_PUSH -> {
                if (value != 0 && value != 1) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH " + Integer.toUnsignedString(value));
                }
                enablePush = value == 1;
            }
            case MAX_CONCURRENT_STREAMS -> maxConcurrentStreams = value < 0 ? Integer.MAX_VALUE : value;
            case INITIAL_WINDOW_SIZE -> {
                if (value < 0) {
                    throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
                            "SETTINGS_INITIAL_WINDOW_SIZE " + Integer.toUnsignedString(value) + " above 2^31-1");
                }
                long delta = (long) value - initialWindowSize;
                initialWindowSize = value;
                return delta;
            }
            case MAX_FRAME_SIZE -> {
                if (value < FrameParser.MIN_MAX_FRAME_SIZE || value > FrameParser.MAX_MAX_FRAME_SIZE) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "SETTINGS_MAX_FRAME_SIZE "
                            + Integer.toUnsignedString(value) + " outside 16384..16777215");
                }
                maxFrameSize = value;
            }
            case MAX_HEADER_LIST_SIZE -> maxHeaderListSize = value < 0 ? Integer.MAX_VALUE : value;
            default -> {
            }
        }
        return 0;
    }

    /** Reads the settings of a SETTINGS payload (six bytes each) in {@code f}; returns the total INITIAL_WINDOW_SIZE change. */
    public long applyAll(byte[] b, int from, int to) throws Http2Exception {
        long delta = 0;
        for (int i = from; i + 6 <= to; i += 6) {
            int id = (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
            int v = (b[i + 2] & 0xFF) << 24 | (b[i + 3] & 0xFF) << 16 | (b[i + 4] & 0xFF) << 8 | b[i + 5] & 0xFF;
            delta += apply(id, v);
        }
        return delta;
    }

    @Override
    public String toString() {
        return "header table " + headerTableSize + ", push " + enablePush + ", max streams " + maxConcurrentStreams
                + ", window " + initialWindowSize + ", max frame " + maxFrameSize + ", max header list " + maxHeaderListSize;
    }
}
