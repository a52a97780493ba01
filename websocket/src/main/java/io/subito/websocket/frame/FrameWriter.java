package io.subito.websocket.frame;

/** Server frame headers (RFC 6455 section 5.2): never masked, the shortest length encoding. */
public final class FrameWriter {
    /** The longest header a server frame has: 2 bytes and an 8-byte length. */
    public static final int MAX_HEADER = 10;
    /** The longest client frame header: the same and a 4-byte mask key. */
    public static final int MAX_MASKED_HEADER = 14;

    private FrameWriter() {
    }

    /** A client frame's header: the same with the mask bit and the 4-byte mask key; returns its length (6, 8 or 14). */
    public static int maskedHeader(byte[] dst, int off, boolean fin, boolean rsv1, int opcode, long length, byte[] mask) {
        int n = header(dst, off, fin, rsv1, opcode, length);
        dst[off + 1] |= (byte) 0x80;
        System.arraycopy(mask, 0, dst, off + n, 4);
        return n + 4;
    }

    /** Writes the header of a frame into {@code dst} from {@code off}; returns its length (2, 4 or 10). */
    public static int header(byte[] dst, int off, boolean fin, boolean rsv1, int opcode, long length) {
        dst[off] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (length < 126) {
            dst[off + 1] = (byte) length;
            return 2;
        }
        if (length < 65536) {
            dst[off + 1] = 126;
            dst[off + 2] = (byte) (length >>> 8);
            dst[off + 3] = (byte) length;
            return 4;
        }
        dst[off + 1] = 127;
        for (int i = 0; i < 8; i++) {
            dst[off + 2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        return 10;
    }
}
