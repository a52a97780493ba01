package io.subito.container.compress;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member (RFC 1952) at a time: the JDK's {@link Deflater} in raw mode between a fixed
 * header and the CRC-32/size trailer, so no stream object is made per response. Pooled per loop
 * ({@link GzipEncoderPool}): {@link #begin} resets the deflater instead of making one (each holds
 * some 256 KiB of native memory), {@link #release} gives it back. Used by one response at a time.
 *
 * <pre>
 *   IDLE --begin--> STREAMING --finish--> FINISHED --release--> IDLE
 *                      |  write/flush: compressed bytes go to the sink as the output fills
 *                      +--compressWhole--> WHOLE (the member is in bytes()) --release--> IDLE
 *                      +--release (the response was abandoned)--> IDLE
 *   any --end--> ENDED (the pool was closed: native memory freed)
 * </pre>
 */
public final class GzipEncoder {
    /** Where compressed bytes go: the response's framing (a chunk, or straight on the wire). */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    /** The encoder's life; {@link #move} is the only place that changes it. */
    public enum State { IDLE, STREAMING, FINISHED, WHOLE, ENDED }

    /** Magic, CM=deflate, no flags, no mtime, XFL 0, OS unknown (RFC 1952 section 2.3). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int TRAILER_BYTES = 8;
    private static final byte[] NO_INPUT = new byte[0];
    /** An output array grown for one large body is not kept beyond this. */
    private static final int MAX_KEPT_BYTES = 64 * 1024;

    private final GzipEncoderPool pool;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final CRC32 crc = new CRC32();
    private final int outBytes;
    private byte[] out;
    private int pending;
    private int inputSize;
    private State state = State.IDLE;

    GzipEncoder(GzipEncoderPool pool, int outBytes) {
        this.pool = pool;
        this.outBytes = outBytes;
        this.out = new byte[outBytes];
    }

    /**
     * Room for the whole member of an {@code n}-byte body, so that a body that fits the response
     * buffer compresses in one pass (zlib's deflateBound for the default settings, plus the gzip
     * header and trailer).
     */
    public static int bound(int n) {
        return n + (n >> 12) + (n >> 14) + (n >> 25) + 13 + HEADER.length + TRAILER_BYTES;
    }

    /** The one place the state changes; a call out of order is a bug in the caller. */
    private void move(State to) {
        boolean allowed = switch (to) {
            case STREAMING -> state == State.IDLE;
            case FINISHED, WHOLE -> state == State.STREAMING;
            case IDLE -> state == State.STREAMING || state == State.FINISHED || state == State.WHOLE;
            case ENDED -> true;
        };
        if (!allowed) {
            throw new IllegalStateException("gzip encoder cannot go from " + state + " to " + to);
        }
        state = to;
    }

    public State state() {
        return state;
    }

    /** Starts a member: the header is the first pending output. */
    public void begin() {
        move(State.STREAMING);
        deflater.reset();
        crc.reset();
        inputSize = 0;
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        pending = HEADER.length;
    }

    /** Compresses {@code len} bytes; full output arrays go to {@code sink} as they fill. */
    public void write(byte[] b, int off, int len, Sink sink) throws IOException {
        if (len == 0) {
            return;
        }
        take(b, off, len);
        while (!deflater.needsInput()) {
            deflate(Deflater.NO_FLUSH);
            if (pending == out.length) {
                emit(sink);
            }
        }
    }

    /** Everything written so far goes to {@code sink}, decodable by the client now (a sync flush). */
    public void flush(Sink sink) throws IOException {
        if (state != State.STREAMING) {
            return;
        }
        while (true) {
            int room = out.length - pending;
            if (deflate(Deflater.SYNC_FLUSH) < room) {
                break;
            }
            emit(sink); // the output was full: there may be more
        }
        emit(sink);
    }

    /** Ends the member: the rest of the compressed data and the trailer go to {@code sink}. */
    public void finish(Sink sink) throws IOException {
        if (state != State.STREAMING) {
            return;
        }
        deflater.finish();
        while (!deflater.finished()) {
            deflate(Deflater.NO_FLUSH);
            if (pending == out.length) {
                emit(sink);
            }
        }
        if (out.length - pending < TRAILER_BYTES) {
            emit(sink);
        }
        trailer();
        move(State.FINISHED);
        emit(sink);
    }

    /**
     * Compresses a whole body into this encoder's own array, before anything is sent, so that
     * the response can announce the member's exact length.
     *
     * @return the member's length; its bytes are {@link #bytes()}{@code [0, length)}
     */
    public int compressWhole(byte[] b, int off, int len) {
        requireStreaming();
        int need = bound(len) - HEADER.length + pending; // the header is already pending
        if (out.length < need) {
            out = Arrays.copyOf(out, need);
        }
        if (len > 0) {
            take(b, off, len);
        }
        deflater.finish();
        while (!deflater.finished()) {
            deflate(Deflater.NO_FLUSH);
            if (pending == out.length) {
                out = Arrays.copyOf(out, out.length * 2); // beyond the bound: not expected, but never lose bytes
            }
        }
        if (out.length - pending < TRAILER_BYTES) {
            out = Arrays.copyOf(out, pending + TRAILER_BYTES);
        }
        trailer();
        move(State.WHOLE);
        return pending;
    }

    /** The compressed bytes held (after {@link #compressWhole}, the whole member). */
    public byte[] bytes() {
        return out;
    }

    public int length() {
        return pending;
    }

    /** Back to the pool; an encoder in the middle of a member is simply reset by the next begin. */
    public void release() {
        if (state == State.ENDED || state == State.IDLE) {
            return;
        }
        move(State.IDLE);
        deflater.setInput(NO_INPUT); // the last body array is not held while pooled
        pending = 0;
        if (out.length > MAX_KEPT_BYTES) {
            out = new byte[outBytes];
        }
        pool.give(this);
    }

    /** Frees the deflater's native memory; the encoder cannot be used again. */
    void end() {
        move(State.ENDED);
        deflater.end();
    }

    private void requireStreaming() {
        if (state != State.STREAMING) {
            throw new IllegalStateException("gzip encoder is " + state + ", not " + State.STREAMING);
        }
    }

    private void take(byte[] b, int off, int len) {
        requireStreaming();
        crc.update(b, off, len);
        inputSize += len; // ISIZE is the length modulo 2^32
        deflater.setInput(b, off, len);
    }

    private int deflate(int flush) {
        int n = deflater.deflate(out, pending, out.length - pending, flush);
        pending += n;
        return n;
    }

    private void emit(Sink sink) throws IOException {
        if (pending > 0) {
            int n = pending;
            pending = 0;
            sink.write(out, 0, n);
        }
    }

    private void trailer() {
        int c = (int) crc.getValue();
        int p = pending;
        out[p] = (byte) c;
        out[p + 1] = (byte) (c >>> 8);
        out[p + 2] = (byte) (c >>> 16);
        out[p + 3] = (byte) (c >>> 24);
        out[p + 4] = (byte) inputSize;
        out[p + 5] = (byte) (inputSize >>> 8);
        out[p + 6] = (byte) (inputSize >>> 16);
        out[p + 7] = (byte) (inputSize >>> 24);
        pending = p + TRAILER_BYTES;
    }

    @Override
    public String toString() {
        return "GzipEncoder[" + state + ", in=" + inputSize + ", pending=" + pending + ", out=" + out.length + "]";
    }
}
