package io.subito.container;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The input of {@link TlsRecordFuzzTest}, read as a script: a flags byte, then steps of one kind
 * byte (the low three bits pick the {@link Kind}, the high five are a parameter), a length (two
 * bytes, big-endian; cut to what is left) and that many payload bytes. Any bytes are a valid
 * script, so the fuzzer's mutations always mean something; {@link Builder} writes the seeds.
 */
final class TlsRecordFuzzScript {
    static final int HANDSHAKE_FIRST = 1;
    static final int PROXY_PROTOCOL = 2;
    static final int TLS12 = 4;
    static final int SMALL_WINDOW = 8;

    enum Kind {
        /** The payload as one send. */
        RAW,
        /** The payload in sends of parameter + 1 bytes. */
        PIECES,
        /** The payload as application data records of the real client. */
        APPLICATION_DATA,
        /** Offset (2 bytes), xor mask (1 byte), plaintext: a record of the real client with one byte changed. */
        CORRUPTED,
        /** The real client starts a key update (TLS 1.3) or a renegotiation (1.2), then sends the payload as data. */
        NEW_HANDSHAKE,
        /** The real client's close_notify, then the payload raw. */
        CLOSE_NOTIFY;

        static Kind of(int bits) {
            Kind[] all = values();
            return bits < all.length ? all[bits] : RAW;
        }
    }

    record Step(Kind kind, int param, byte[] payload) {
    }

    private final byte[] in;
    private final int flags;
    private int pos;

    TlsRecordFuzzScript(byte[] in) {
        this.in = in;
        this.flags = in.length > 0 ? in[0] & 0xff : 0;
        this.pos = Math.min(1, in.length);
    }

    boolean handshakeFirst() { return (flags & HANDSHAKE_FIRST) != 0; }
    boolean proxyProtocol() { return (flags & PROXY_PROTOCOL) != 0; }
    boolean tls12() { return (flags & TLS12) != 0; }
    boolean smallWindow() { return (flags & SMALL_WINDOW) != 0; }

    boolean hasStep() {
        return pos < in.length;
    }

    Step next() {
        int op = in[pos++] & 0xff;
        int len = 0;
        for (int i = 0; i < 2 && pos < in.length; i++) {
            len = (len << 8) | (in[pos++] & 0xff);
        }
        len = Math.min(len, in.length - pos);
        byte[] payload = Arrays.copyOfRange(in, pos, pos + len);
        pos += len;
        return new Step(Kind.of(op & 7), op >>> 3, payload);
    }

    /** Writes a script (the seeds). */
    static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Builder(int flags) {
            out.write(flags);
        }

        Builder step(Kind kind, int param, byte[] payload) {
            if (param < 0 || param > 31 || payload.length > 0xffff) {
                throw new IllegalArgumentException(kind + " " + param + " " + payload.length);
            }
            out.write(kind.ordinal() | param << 3);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
            out.writeBytes(payload);
            return this;
        }

        Builder step(Kind kind, byte[] payload) {
            return step(kind, 0, payload);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
