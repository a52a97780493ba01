package io.subito.container.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes a chunked request body (RFC 9112 section 7.1) straight out of the connection buffer:
 * chunk extensions are skipped within a limit, trailers are kept for the API.
 */
public final class ChunkedDecoder {
    private static final int MAX_SIZE_DIGITS = 15;

    private final HttpLimits limits;
    private InputSource in;
    private long remaining;
    private boolean started;
    private boolean done;
    private Map<String, String> trailers;

    public ChunkedDecoder(HttpLimits limits) {
        this.limits = limits;
    }

    public void reset(InputSource source) {
        in = source;
        remaining = 0;
        started = false;
        done = false;
        trailers = null;
    }

    public boolean isDone() {
        return done;
    }

    /** Trailer fields, once the last chunk has been read; empty otherwise. */
    public Map<String, String> trailers() {
        return trailers == null ? Map.of() : trailers;
    }

    /** Reads decoded body bytes; -1 after the last chunk and its trailers. */
    public int read(byte[] dst, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (remaining == 0) {
            if (started) {
                expectCrlf();
            }
            started = true;
            remaining = sizeLine();
            if (remaining == 0) {
                readTrailers();
                done = true;
                return -1;
            }
        }
        if (len == 0) {
            return 0;
        }
        ensureAvailable();
        int n = (int) Math.min(Math.min(len, remaining), in.limit() - in.position());
        System.arraycopy(in.buffer(), in.position(), dst, off, n);
        in.advance(n);
        remaining -= n;
        return n;
    }

    /**
     * Whether {@link #read} can return without waiting for the network: bytes of the current chunk
     * are buffered, or the next chunk's size line (and a byte of its data, or the whole trailer
     * section after the last chunk) is. Malformed bytes count as ready: the read fails at once.
     */
    public boolean readyWithoutBlocking() {
        if (done) {
            return true;
        }
        byte[] b = in.buffer();
        int p = in.position();
        int lim = in.limit();
        if (remaining > 0) {
            return p < lim;
        }
        if (started) {
            p += 2; // the CRLF after the previous chunk's data
        }
        int lf = indexOf(b, p, lim, (byte) '\n');
        if (lf < 0) {
            return false;
        }
        if (Ascii.hexValue(b[p] & 0xFF) < 0) {
            return true;
        }
        if (!isLastChunk(b, p)) {
            return lf + 1 < lim;
        }
        for (int line = lf + 1;;) {
            int end = indexOf(b, line, lim, (byte) '\n');
            if (end < 0) {
                return false;
            }
            if (end <= line + 1) {
                return true; // the empty line that ends the trailers (or a bare LF, refused by the read)
            }
            line = end + 1;
        }
    }

    private static boolean isLastChunk(byte[] b, int p) {
        while (b[p] == '0') {
            p++;
        }
        return Ascii.hexValue(b[p] & 0xFF) < 0;
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes of the current chunk that are already buffered. */
    public int available() {
        return done ? 0 : (int) Math.min(remaining, in.limit() - in.position());
    }

    private int next() throws IOException {
        ensureAvailable();
        int c = in.buffer()[in.position()] & 0xFF;
        in.advance(1);
        return c;
    }

    private void ensureAvailable() throws IOException {
        while (in.position() >= in.limit()) {
            if (!in.fill()) {
                throw new MalformedBodyException(400, "connection closed inside a chunked body");
            }
        }
    }

    private void expectCrlf() throws IOException {
        if (next() != '\r' || next() != '\n') {
            throw new MalformedBodyException(400, "chunk data not followed by CRLF");
        }
    }

    private long sizeLine() throws IOException {
        long size = 0;
        int digits = 0;
        int c = next();
        while (Ascii.hexValue(c) >= 0) {
            if (++digits > MAX_SIZE_DIGITS) {
                throw new MalformedBodyException(400, "chunk size too large");
            }
            size = size << 4 | Ascii.hexValue(c);
            c = next();
        }
        if (digits == 0) {
            throw new MalformedBodyException(400, "invalid chunk size");
        }
        int extension = 0;
        while (c != '\r') {
            if (c == '\n' || (c < 0x20 && c != '\t') || c == 0x7F) {
                throw new MalformedBodyException(400, "invalid character in chunk size line");
            }
            if (++extension > limits.maxChunkExtensionBytes()) {
                throw new MalformedBodyException(400, "chunk extension too long");
            }
            if (extension == 1 && c != ';' && c != ' ' && c != '\t') {
                throw new MalformedBodyException(400, "invalid chunk size");
            }
            c = next();
        }
        if (next() != '\n') {
            throw new MalformedBodyException(400, "bare CR in chunk size line");
        }
        return size;
    }

    private void readTrailers() throws IOException {
        int total = 0;
        StringBuilder line = new StringBuilder();
        while (true) {
            line.setLength(0);
            int c;
            while ((c = next()) != '\r') {
                if (c == '\n' || (c < 0x20 && c != '\t') || c == 0x7F) {
                    throw new MalformedBodyException(400, "invalid character in trailer section");
                }
                if (++total > limits.maxTrailerBytes()) {
                    throw new MalformedBodyException(431, "trailer section too large");
                }
                line.append((char) c);
            }
            if (next() != '\n') {
                throw new MalformedBodyException(400, "bare CR in trailer section");
            }
            if (line.length() == 0) {
                return;
            }
            addTrailer(line);
        }
    }

    private void addTrailer(CharSequence line) throws MalformedBodyException {
        int colon = -1;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == ':') {
                colon = i;
                break;
            }
            if (!Ascii.isToken((byte) ch) || ch > 0x7F) {
                throw new MalformedBodyException(400, "invalid trailer field name");
            }
        }
        if (colon <= 0) {
            throw new MalformedBodyException(400, "malformed trailer field");
        }
        if (trailers == null) {
            trailers = new LinkedHashMap<>();
        }
        String name = line.subSequence(0, colon).toString().toLowerCase(java.util.Locale.ROOT);
        String value = line.subSequence(colon + 1, line.length()).toString().strip();
        trailers.merge(name, value,
                (a, b) -> a + "," + b);
    }
}
