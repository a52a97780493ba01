package io.subito.container.http2;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Frames on their way out of one connection (RFC 9113 section 4 and 6), appended to one growing
 * array that the connection sends in one gathering write per loop round: the frames of every
 * stream that produced output in that round leave together. Only the connection's loop writes
 * here.
 */
public final class FrameWriter {
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);
    private byte[] bytes;
    private int len;
    private final ByteBuffer[] one = new ByteBuffer[1];
    private ByteBuffer view;
    /** Where the array comes from while frames wait, and goes back to once they are written; null: the writer's own. */
    private final SessionIo lender;

    public FrameWriter(int initialCapacity) {
        bytes = new byte[initialCapacity];
        view = ByteBuffer.wrap(bytes);
        lender = null;
    }

    /** A writer that holds an array only while frames wait: borrowed from {@code lender}, given back once written. */
    FrameWriter(SessionIo lender) {
        this.lender = lender;
        view = NONE;
        bytes = NONE.array();
    }

    public int size() {
        return len;
    }

    public boolean isEmpty() {
        return len == 0;
    }

    /** The pending bytes as one buffer for a gathering write; call {@link #consumed} after. */
    public ByteBuffer[] pending() {
        if (len == 0) {
            one[0] = NONE;
            return one;
        }
        view.limit(len).position(0);
        one[0] = view;
        return one;
    }

    /** Drops what the write took; what it did not take moves to the front. */
    public void consumed() {
        int done = view.position();
        if (done > 0) {
            System.arraycopy(bytes, done, bytes, 0, len - done);
            len -= done;
        }
        if (len == 0) {
            release();
        }
    }

    /** A lent array goes back (nothing waits in it, or the connection is gone). */
    public void release() {
        if (lender != null && view != NONE) {
            lender.giveBackBuffer(view);
            view = NONE;
            bytes = NONE.array();
            len = 0;
        }
    }

    public void header(int length, int type, int flags, int streamId) {
        ensure(Frame.HEADER_LENGTH + length);
        byte[] b = bytes;
        int i = len;
        b[i] = (byte) (length >>> 16);
        b[i + 1] = (byte) (length >>> 8);
        b[i + 2] = (byte) length;
        b[i + 3] = (byte) type;
        b[i + 4] = (byte) flags;
        putInt(b, i + 5, streamId & 0x7FFF_FFFF);
        len = i + Frame.HEADER_LENGTH;
    }

    public void settings(int[] idsAndValues, int count) {
        header(6 * count, Frame.SETTINGS, 0, 0);
        for (int k = 0; k < count; k++) {
            bytes[len] = (byte) (idsAndValues[2 * k] >>> 8);
            bytes[len + 1] = (byte) idsAndValues[2 * k];
            putInt(bytes, len + 2, idsAndValues[2 * k + 1]);
            len += 6;
        }
    }

    /** Bytes that are not a frame (the 101 response that precedes an upgraded connection's frames). */
    public void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, len, b.length);
        len += b.length;
    }

    public void settingsAck() {
        header(0, Frame.SETTINGS, Frame.FLAG_ACK, 0);
    }

    public void ping(boolean ack, byte[] src, int off) {
        header(8, Frame.PING, ack ? Frame.FLAG_ACK : 0, 0);
        System.arraycopy(src, off, bytes, len, 8);
        len += 8;
    }

    public void goAway(int lastStreamId, ErrorCode code, String debug) {
        byte[] d = debug == null ? new byte[0] : debug.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int n = Math.min(d.length, 256);
        header(8 + n, Frame.GOAWAY, 0, 0);
        putInt(bytes, len, lastStreamId & 0x7FFF_FFFF);
        putInt(bytes, len + 4, code.code);
        System.arraycopy(d, 0, bytes, len + 8, n);
        len += 8 + n;
    }

    public void rstStream(int streamId, ErrorCode code) {
        header(4, Frame.RST_STREAM, 0, streamId);
        putInt(bytes, len, code.code);
        len += 4;
    }

    public void windowUpdate(int streamId, int increment) {
        header(4, Frame.WINDOW_UPDATE, 0, streamId);
        putInt(bytes, len, increment & 0x7FFF_FFFF);
        len += 4;
    }

    public void data(int streamId, byte[] src, int off, int n, boolean endStream) {
        header(n, Frame.DATA, endStream ? Frame.FLAG_END_STREAM : 0, streamId);
        System.arraycopy(src, off, bytes, len, n);
        len += n;
    }

    /** A DATA frame's payload, {@code n} bytes taken from {@code ring} (after {@link #header}). */
    public void fromRing(ByteRing ring, int n) {
        len += ring.read(bytes, len, n);
    }

    /**
     * A field block as HEADERS, followed by CONTINUATION frames when it is larger than
     * {@code maxFrameSize}: {@code block[off, off + n)}.
     */
    public void headers(int streamId, byte[] block, int off, int n, boolean endStream, int maxFrameSize) {
        int first = Math.min(n, maxFrameSize);
        int flags = (endStream ? Frame.FLAG_END_STREAM : 0) | (first == n ? Frame.FLAG_END_HEADERS : 0);
        header(first, Frame.HEADERS, flags, streamId);
        System.arraycopy(block, off, bytes, len, first);
        len += first;
        for (int done = first; done < n; ) {
            int k = Math.min(n - done, maxFrameSize);
            header(k, Frame.CONTINUATION, done + k == n ? Frame.FLAG_END_HEADERS : 0, streamId);
            System.arraycopy(block, off + done, bytes, len, k);
            len += k;
            done += k;
        }
    }

    private void ensure(int n) {
        if (len + n <= bytes.length) {
            return;
        }
        if (lender != null && view == NONE) {
            view = lender.borrowBuffer().clear();
            bytes = view.array();
            if (n <= bytes.length) {
                return;
            }
        }
        byte[] bigger = Arrays.copyOf(bytes, Math.max(bytes.length * 2, len + n));
        if (lender != null) {
            lender.giveBackBuffer(view);
        }
        bytes = bigger;
        view = ByteBuffer.wrap(bytes);
    }

    static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    @Override
    public String toString() {
        return len + " bytes of frames pending";
    }
}
