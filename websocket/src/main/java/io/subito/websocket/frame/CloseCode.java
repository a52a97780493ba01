package io.subito.websocket.frame;

/** Close status codes of RFC 6455 section 7.4 that the protocol layer sends, and which codes a peer may send. */
public final class CloseCode {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Never sent on the wire: the close frame had no code. */
    public static final int NO_STATUS = 1005;
    /** Never sent on the wire: the connection ended without a close frame. */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;

    private CloseCode() {
    }

    /**
     * Whether a peer may put {@code code} in a close frame (RFC 6455 section 7.4.1 and the IANA
     * registry): 1000-1003, 1007-1011 (1012-1014 are registered since), 3000-4999. 1004-1006 and
     * 1015 are reserved and never sent; anything else is invalid.
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
