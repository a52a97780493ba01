package io.subito.container.http2;

import java.nio.ByteBuffer;

/**
 * A field block on its way in: the HEADERS frame's fragment and its CONTINUATION frames'
 * (section 4.3), gathered until END_HEADERS, within limits that stop a CONTINUATION flood
 * (CVE-2024-27316): at most {@link #MAX_FRAMES} frames and a bounded number of bytes.
 */
final class FieldBlock {
    static final int MAX_FRAMES = 64;
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);
    private final int maxBytes;
    /** Lends the array while a block is gathered: an idle connection holds none. */
    private final SessionIo lender;
    private ByteBuffer bytes = NONE;
    int stream;
    boolean endStream;
    int dependency;
    private int frames;

    FieldBlock(int maxHeaderListSize, SessionIo lender) {
        this.maxBytes = 4 * maxHeaderListSize + 16_384;
        this.lender = lender;
    }

    void begin(int streamId, boolean end, int dependsOn) {
        stream = streamId;
        endStream = end;
        dependency = dependsOn;
        frames = 0;
        if (bytes == NONE) {
            bytes = lender.borrowBuffer();
        }
        bytes.clear();
    }

    /** Adds a frame's fragment ({@code first}: the frame's first chunk). */
    void append(byte[] b, int from, int to, boolean first) throws Http2Exception {
        if (first && ++frames > MAX_FRAMES) {
            throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, "a field block of more than " + MAX_FRAMES + " frames");
        }
        int n = to - from;
        if (bytes.remaining() < n) {
            int want = bytes.position() + n;
            if (want > maxBytes) {
                throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, "a field block of more than " + maxBytes + " bytes");
            }
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(want, 2 * bytes.capacity()));
            bytes.flip();
            bigger.put(bytes);
            lender.giveBackBuffer(bytes);
            bytes = bigger;
        }
        bytes.put(b, from, n);
    }

    /** The gathered block, for the decoder. */
    ByteBuffer flip() {
        return bytes.flip();
    }

    /** The block is decoded (or the connection is gone): the array goes back. */
    void release() {
        if (bytes != NONE) {
            lender.giveBackBuffer(bytes);
            bytes = NONE;
        }
    }

    @Override
    public String toString() {
        return "field block of stream " + stream + ", " + bytes.position() + " bytes in " + frames + " frames";
    }
}
