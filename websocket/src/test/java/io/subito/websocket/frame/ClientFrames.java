package io.subito.websocket.frame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds client frames (masked unless told otherwise) for tests. */
public final class ClientFrames {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ClientFrames frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin ? 0x80 : 0, opcode, payload, true);
    }

    /** {@code flags}: FIN 0x80, RSV1 0x40, RSV2 0x20, RSV3 0x10. */
    public ClientFrames frame(int flags, int opcode, byte[] payload, boolean masked) {
        out.write(flags | opcode);
        int m = masked ? 0x80 : 0;
        int n = payload.length;
        if (n < 126) {
            out.write(m | n);
        } else if (n < 65536) {
            out.write(m | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(m | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) n >>> (8 * i)));
            }
        }
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        if (masked) {
            out.write(mask, 0, 4);
        }
        for (int i = 0; i < n; i++) {
            out.write(masked ? payload[i] ^ mask[i & 3] : payload[i]);
        }
        return this;
    }

    public ClientFrames text(String s) {
        return frame(true, Opcode.TEXT, s.getBytes(StandardCharsets.UTF_8));
    }

    public ClientFrames raw(byte... bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    public ClientFrames close(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return frame(true, Opcode.CLOSE, p);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
