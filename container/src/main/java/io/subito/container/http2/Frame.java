package io.subito.container.http2;

/**
 * One frame as {@link FrameParser} found it: the 9-byte header's fields and where its payload is
 * in the caller's array, padding and priority fields already cut off. Reused for every frame of a
 * connection: nothing is copied.
 */
public final class Frame {
    public static final int HEADER_LENGTH = 9;

    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int PRIORITY = 0x2;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PUSH_PROMISE = 0x5;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;

    public static final int FLAG_END_STREAM = 0x1;
    public static final int FLAG_ACK = 0x1;
    public static final int FLAG_END_HEADERS = 0x4;
    public static final int FLAG_PADDED = 0x8;
    public static final int FLAG_PRIORITY = 0x20;

    private static final String[] NAMES = {"DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS", "PUSH_PROMISE",
        "PING", "GOAWAY", "WINDOW_UPDATE", "CONTINUATION"};

    int type;
    int flags;
    int streamId;
    /** The whole payload's length as the header declared it (flow control counts padding too). */
    int length;
    byte[] buf;
    /** The payload without padding and priority fields. */
    int start;
    int end;
    /** HEADERS with PRIORITY, and PRIORITY: the stream depended on; -1 otherwise. */
    int dependency = -1;

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    public int streamId() {
        return streamId;
    }

    public int length() {
        return length;
    }

    public byte[] buffer() {
        return buf;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** The stream a HEADERS (with its PRIORITY flag) or PRIORITY frame depends on; -1 for other frames. */
    public int dependency() {
        return dependency;
    }

    public int payloadLength() {
        return end - start;
    }

    /** A 31-bit value at {@code off} in the payload (the reserved bit ignored). */
    public int int31(int off) {
        return int32(off) & 0x7FFF_FFFF;
    }

    public int int32(int off) {
        int i = start + off;
        return (buf[i] & 0xFF) << 24 | (buf[i + 1] & 0xFF) << 16 | (buf[i + 2] & 0xFF) << 8 | buf[i + 3] & 0xFF;
    }

    public static String typeName(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : "UNKNOWN(0x" + Integer.toHexString(type) + ")";
    }

    @Override
    public String toString() {
        return typeName(type) + " stream " + streamId + " flags 0x" + Integer.toHexString(flags) + " length " + length;
    }
}
