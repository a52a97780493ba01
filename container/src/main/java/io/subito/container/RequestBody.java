package io.subito.container;

import io.subito.container.http.ChunkedDecoder;
import io.subito.container.http.HttpLimits;
import io.subito.container.http.MalformedBodyException;
import io.subito.container.http2.ExchangeStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The request body as a stream over the connection buffer: a Content-Length window or a chunked
 * decoder. The first read answers {@code Expect: 100-continue}; a body never read is not asked for.
 */
final class RequestBody extends InputStream {
    /** The connection of the exchange this body belongs to while it is bound (exchanges are pooled per loop). */
    private Connection connection;
    /** That connection's input, where the body's bytes are. */
    private InputWindow input;
    /** An HTTP/2 stream's body, which its loop puts into the stream as DATA frames arrive; null for HTTP/1.1. */
    private ExchangeStream stream;
    /** For one-byte reads: the exchange's own, as streams of one connection read at once on several threads. */
    private final byte[] oneByte = new byte[1];
    private final ChunkedDecoder chunked;
    private boolean isChunked;
    private long remaining;
    private boolean continuePending;
    /** The body broke its framing: nothing after it on the connection can be trusted. */
    private boolean broken;
    /** Body bytes the handler has read (for the server's statistics and access log). */
    private long read;

    RequestBody(HttpLimits limits) {
        this.chunked = new ChunkedDecoder(limits);
    }

    void bind(Connection c, ExchangeStream s) {
        connection = c;
        stream = s;
        input = c == null || s != null ? null : c.input;
    }

    void begin(long contentLength, boolean chunkedBody, boolean expectContinue) {
        isChunked = chunkedBody;
        remaining = chunkedBody ? 0 : Math.max(contentLength, 0);
        continuePending = expectContinue;
        broken = false;
        read = 0;
        if (chunkedBody && stream == null) {
            chunked.reset(input);
        }
    }

    /** Body bytes the handler has read so far. */
    long bytesRead() {
        return read;
    }

    boolean isFinished() {
        if (stream != null) {
            return stream.bodyFinished();
        }
        return isChunked ? chunked.isDone() : remaining == 0;
    }

    Map<String, String> trailers() {
        if (stream != null) {
            return stream.trailers();
        }
        return isChunked ? chunked.trailers() : Map.of();
    }

    /**
     * Whether what is left of the body can be skipped to keep the connection: not when the client
     * still waits for 100-continue, nor when more than {@code max} bytes are still to arrive.
     */
    boolean worthDraining(long max) {
        if (stream != null) {
            return true; // the stream's loop tells the client to stop sending (RST_STREAM NO_ERROR)
        }
        if (broken) {
            return false;
        }
        if (isFinished()) {
            return true;
        }
        if (continuePending) {
            return false;
        }
        return isChunked || remaining - (input.limit() - input.position()) <= max;
    }

    /** Whether the whole remaining body is already in the connection buffer. */
    boolean fullyBuffered() {
        return stream != null || !isChunked && remaining <= input.limit() - input.position();
    }

    /** See {@link HttpExchange#bodyReadyNow()}. */
    boolean readyNow() throws IOException {
        if (stream != null) {
            if (continuePending) {
                continuePending = false;
                stream.sendContinue(); // a ReadListener waits for the body: the client may send it now
            }
            return stream.bodyReadyNow();
        }
        if (broken || isFinished() || bufferedEnough()) {
            return true;
        }
        sendContinue();
        int n = input.fillNow();
        return n < 0 || bufferedEnough() || input.isFull();
    }

    private boolean bufferedEnough() {
        return isChunked ? chunked.readyWithoutBlocking() : input.limit() > input.position();
    }

    @Override
    public int read() throws IOException {
        byte[] one = oneByte;
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        if (stream != null) {
            if (continuePending) {
                continuePending = false;
                stream.sendContinue();
            }
            int n = stream.readBody(dst, off, len);
            read += Math.max(n, 0);
            return n;
        }
        if (isFinished()) {
            return -1;
        }
        sendContinue();
        if (isChunked) {
            try {
                int n = chunked.read(dst, off, len);
                read += Math.max(n, 0);
                return n;
            } catch (MalformedBodyException e) {
                broken = true;
                throw e;
            }
        }
        if (len == 0) {
            return 0;
        }
        while (input.position() >= input.limit()) {
            if (!input.fill()) {
                broken = true;
                throw new MalformedBodyException(400, "connection closed before the end of the body");
            }
        }
        int n = (int) Math.min(Math.min(len, remaining), input.limit() - input.position());
        System.arraycopy(input.buffer(), input.position(), dst, off, n);
        input.advance(n);
        remaining -= n;
        read += n;
        return n;
    }

    @Override
    public int available() {
        if (stream != null) {
            return stream.availableBody();
        }
        if (isChunked) {
            return chunked.available();
        }
        return (int) Math.min(remaining, input.limit() - input.position());
    }

    /**
     * Skips what the application left unread so the next pipelined request can be parsed.
     * Returns false when it is not worth it (too large), and the connection must close.
     */
    boolean drain(long maxBytes) throws IOException {
        if (stream != null) {
            return true; // what is left is the stream's to refuse, not the connection's to skip
        }
        if (broken) {
            return false;
        }
        if (isFinished()) {
            return true;
        }
        if (continuePending) {
            return false;
        }
        if (!isChunked && remaining <= input.limit() - input.position()) {
            input.advance((int) remaining);
            remaining = 0;
            return true;
        }
        byte[] scratch = connection.scratch();
        long budget = maxBytes;
        int n;
        while ((n = read(scratch, 0, scratch.length)) > 0) {
            budget -= n;
            if (budget < 0) {
                return false;
            }
        }
        return true;
    }

    private void sendContinue() throws IOException {
        if (continuePending) {
            continuePending = false;
            connection.runner.sendContinue();
        }
    }
}
