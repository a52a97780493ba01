package io.subito.websocket.frame;

import java.nio.ByteBuffer;

/**
 * Checks UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF) as bytes
 * arrive, across frame and read boundaries: Bjoern Hoehrmann's DFA. A text message fails with
 * 1007 as soon as a byte cannot continue a valid sequence, and at its end if a sequence is cut.
 */
public final class Utf8Validator {
    private static final int ACCEPT = 0;
    private static final int REJECT = 12;
    private static final byte[] TYPES = new byte[256];
    private static final byte[] STATES = {
        0, 12, 24, 36, 60, 96, 84, 12, 12, 12, 48, 72, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
        12, 0, 12, 12, 12, 12, 12, 0, 12, 0, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 24, 12, 12,
        12, 12, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 12, 12, 24, 12, 12,
        12, 12, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12, 12, 36, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12,
        12, 36, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    };

    static {
        for (int i = 0x80; i <= 0x8F; i++) {
            TYPES[i] = 1;
        }
        for (int i = 0x90; i <= 0x9F; i++) {
            TYPES[i] = 9;
        }
        for (int i = 0xA0; i <= 0xBF; i++) {
            TYPES[i] = 7;
        }
        TYPES[0xC0] = 8;
        TYPES[0xC1] = 8;
        for (int i = 0xC2; i <= 0xDF; i++) {
            TYPES[i] = 2;
        }
        TYPES[0xE0] = 10;
        for (int i = 0xE1; i <= 0xEC; i++) {
            TYPES[i] = 3;
        }
        TYPES[0xED] = 4;
        TYPES[0xEE] = 3;
        TYPES[0xEF] = 3;
        TYPES[0xF0] = 11;
        TYPES[0xF1] = 6;
        TYPES[0xF2] = 6;
        TYPES[0xF3] = 6;
        TYPES[0xF4] = 5;
        for (int i = 0xF5; i <= 0xFF; i++) {
            TYPES[i] = 8;
        }
    }

    private int state = ACCEPT;
    /** Bytes of the sequence in progress (0 when the last one was complete). */
    private int pending;

    /** Feeds bytes; false as soon as they cannot be UTF-8 whatever follows. */
    public boolean feed(byte[] b, int off, int len) {
        int s = state;
        int p = pending;
        for (int i = off, end = off + len; i < end; i++) {
            int x = b[i];
            if (s == ACCEPT && x >= 0) {
                p = 0;
                continue; // ASCII: the common case
            }
            s = STATES[s + TYPES[x & 0xFF]];
            if (s == REJECT) {
                state = s;
                return false;
            }
            p = s == ACCEPT ? 0 : p + 1;
        }
        state = s;
        pending = p;
        return true;
    }

    public boolean feed(ByteBuffer b) {
        if (b.hasArray()) {
            return feed(b.array(), b.arrayOffset() + b.position(), b.remaining());
        }
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return feed(copy, 0, copy.length);
    }

    /** Whether the bytes so far end on a character boundary. */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    /** How many trailing bytes belong to a character not yet complete (0-3). */
    public int pendingBytes() {
        return state == ACCEPT ? 0 : pending;
    }

    public void reset() {
        state = ACCEPT;
        pending = 0;
    }

    @Override
    public String toString() {
        return state == ACCEPT ? "utf-8 complete" : state == REJECT ? "utf-8 invalid" : "utf-8 in a sequence (" + pending + " bytes)";
    }
}
