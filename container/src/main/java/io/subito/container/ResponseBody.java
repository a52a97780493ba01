package io.subito.container;

import io.subito.container.compress.GzipEncoder;
import io.subito.container.http.RequestHead;
import io.subito.container.http2.ExchangeStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The response body stream. Bytes collect in a buffer of the response's buffer size; on overflow
 * or flush the head is committed (chunked unless a length was set) and the bytes go out.
 */
final class ResponseBody extends OutputStream {
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n'};
    /** Smaller writes are copied into the output; larger ones go out as the second buffer of a gathering write. */
    private static final int COPY_LIMIT = 4096;

    /** The connection of the exchange this body belongs to while it is bound (exchanges are pooled per loop). */
    private Connection connection;
    /** That connection's protocol handler, which frames the response (the head, whether a body goes out). */
    private BatchRunner protocol;
    /** An HTTP/2 stream's response: head, body and end go to it instead of the connection's HTTP/1.1 framing. */
    private ExchangeStream stream;
    /** The stream's request (whose Accept-Encoding compression looks at); null for HTTP/1.1, whose protocol knows it. */
    private RequestHead streamRequest;
    /** For one-byte writes: the exchange's own, as streams of one connection write at once on several threads. */
    private final byte[] oneByte = new byte[1];
    private final HttpResponse response;
    private byte[] buf;
    /** The configured size ({@code responseBufferSize}), which every request starts with. */
    private final int defaultCapacity;
    private int count;
    private long total;
    private boolean closed;
    /** Where a gzip encoder puts compressed bytes: copied, in the response's framing. */
    private final GzipEncoder.Sink framed = this::writeCopied;

    ResponseBody(HttpResponse response, int capacity) {
        this.response = response;
        this.defaultCapacity = capacity;
        this.buf = new byte[capacity];
    }

    /** After the exchange completed: a buffer size one request chose does not carry over to the next. */
    void restoreCapacity() {
        if (buf.length != defaultCapacity) {
            buf = new byte[defaultCapacity];
        }
    }

    void bind(Connection c, ExchangeStream s, RequestHead streamRequest) {
        connection = c;
        stream = s;
        this.streamRequest = streamRequest;
        protocol = c == null ? null : c.runner;
    }

    private boolean sendsBody() {
        return stream == null ? protocol.sendsBody() : stream.sendsBody();
    }

    void recycle() {
        count = 0;
        total = 0;
        closed = false;
    }

    /** The response is complete: later writes fail until {@link #open()}. */
    void complete() {
        closed = true;
    }

    void open() {
        closed = false;
    }

    int capacity() {
        return buf.length;
    }

    void resize(int size) {
        if (total > 0 || response.committed) {
            throw new IllegalStateException("buffer size cannot change after content was written");
        }
        if (size != buf.length) {
            buf = new byte[Math.max(size, 0)];
        }
    }

    long count() {
        return total;
    }

    void discard() {
        total -= count;
        count = 0;
    }

    @Override
    public void write(int b) throws IOException {
        byte[] one = oneByte;
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("response body already closed");
        }
        if (response.contentLength >= 0 && len > response.contentLength - total) {
            // bytes beyond the declared length would be read as the start of the next response
            len = (int) Math.max(0, response.contentLength - total);
        }
        total += len;
        if (!sendsBody()) {
            return;
        }
        if (count + len <= buf.length) {
            System.arraycopy(b, off, buf, count, len);
            count += len;
            return;
        }
        commit();
        writeThrough(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (closed) {
            return;
        }
        commit();
        GzipEncoder gz = response.gzip;
        if (gz != null) {
            gz.flush(framed);
        }
        if (stream != null) {
            stream.flush();
            return;
        }
        connection.io.writeOutput(null, true);
    }

    /** Closing completes the body: later writes fail, the exchange finishes as usual. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (response.committed) {
                finishCommitted();
                if (stream == null) {
                    connection.io.writeOutput(null, true);
                }
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Sends the head for a streamed response, then what is buffered. */
    private void commit() throws IOException {
        if (!response.committed) {
            commitHead(false);
        }
        if (count > 0) {
            int n = withinDeclared(count);
            count = 0;
            writeThrough(buf, 0, n);
        }
    }

    private void commitHead(boolean complete) throws IOException {
        if (stream != null) {
            if (response.compression != null && stream.sendsBody()) {
                complete = ResponseCompression.apply(response, streamRequest, complete, total, connection.loop.gzipEncoders());
            }
            protocol.addHsts(response);
            response.committed = true;
            stream.commitHead(response, complete, total);
        } else {
            protocol.commitHead(response, complete, total);
        }
    }

    /** Bytes buffered before the length was declared may exceed it; nothing was sent before the head. */
    private int withinDeclared(int n) {
        return response.contentLength >= 0 ? (int) Math.min(n, response.contentLength) : n;
    }

    /** A declared length that the body did not reach: the response cannot end normally. */
    boolean shortOfDeclaredLength() {
        return response.committed && response.contentLength >= 0 && total < response.contentLength
                && sendsBody();
    }

    /** Body bytes after the head: through the gzip encoder when the response is compressed. */
    private void writeThrough(byte[] b, int off, int len) throws IOException {
        GzipEncoder gz = response.gzip;
        if (gz != null) {
            gz.write(b, off, len, framed);
            return;
        }
        writeFramed(b, off, len);
    }

    /**
     * At commit, a compressed body that is all here: compressed in one pass, so its head can
     * carry the exact compressed length.
     *
     * @return the compressed length
     */
    int compressWhole(GzipEncoder gz) {
        return gz.compressWhole(buf, 0, withinDeclared(count));
    }

    /** Bytes as they go on the wire: a chunk of a chunked body, or as they are. */
    private void writeFramed(byte[] b, int off, int len) throws IOException {
        if (stream != null) {
            if (len > 0 && sendsBody()) {
                stream.writeBody(b, off, len);
            }
            return;
        }
        if (len < COPY_LIMIT) {
            writeCopied(b, off, len);
            return;
        }
        OutputBuffer out = connection.output();
        if (!sendsBody()) {
            return;
        }
        if (response.chunked) {
            out.putHex(len);
            out.putCrlf();
        }
        // large writes go out as one gathering write with what is pending, without a copy
        connection.io.writeOutput(ByteBuffer.wrap(b, off, len), true);
        if (response.chunked) {
            out.putCrlf();
        }
    }

    /**
     * Small writes, and compressed bytes (the encoder reuses its array at once): copied into the
     * output, they leave with the rest of the batch or past the high-water mark.
     */
    private void writeCopied(byte[] b, int off, int len) throws IOException {
        if (stream != null) {
            writeFramed(b, off, len);
            return;
        }
        OutputBuffer out = connection.output();
        if (!sendsBody() || len == 0) {
            return;
        }
        if (response.chunked) {
            out.putHex(len);
            out.putCrlf();
        }
        out.put(b, off, len);
        if (response.chunked) {
            out.putCrlf();
        }
        connection.io.writeOutputIfFull();
    }

    /** At completion: either the whole response with an exact length, or the end of a streamed one. */
    void finish() throws IOException {
        if (response.aborted && response.committed) {
            count = 0; // a broken body is left unfinished: no last chunk
            closed = true;
            if (stream != null) {
                stream.abort();
            }
            return;
        }
        if (stream != null && !response.committed) {
            commitHead(true);
            GzipEncoder gz = response.gzip;
            if (gz != null && gz.state() != GzipEncoder.State.WHOLE) {
                closed = true; // compressed as a stream (trailers follow): through the encoder, then the end
                finishCommitted();
                return;
            }
            if (gz != null) {
                // compressed at commit, its length in the head
                if (sendsBody()) {
                    stream.writeBody(gz.bytes(), 0, gz.length());
                }
                response.gzip = null;
                gz.release();
            } else if (count > 0 && sendsBody()) {
                stream.writeBody(buf, 0, withinDeclared(count));
            }
            count = 0;
            closed = true;
            stream.endBody(response.trailers == null ? null : response.trailers.get());
            return;
        }
        if (!response.committed) {
            protocol.commitHead(response, true, total);
            GzipEncoder gz = response.gzip;
            if (gz != null && gz.state() == GzipEncoder.State.WHOLE) {
                // compressed at commit, its length in the head
                if (sendsBody()) {
                    connection.output().put(gz.bytes(), 0, gz.length());
                }
                count = 0;
                response.gzip = null;
                gz.release();
                return;
            }
            if (!response.chunked && gz == null) {
                if (count > 0 && sendsBody()) {
                    connection.output().put(buf, 0, withinDeclared(count));
                }
                count = 0;
                return;
            }
            // trailers were asked for: the body goes chunked even though its length is known
            closed = true;
            finishCommitted();
            return;
        }
        if (!closed) {
            closed = true;
            finishCommitted();
        }
    }

    private void finishCommitted() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            writeThrough(buf, 0, n);
        }
        GzipEncoder gz = response.gzip;
        if (gz != null) {
            response.gzip = null;
            try {
                gz.finish(framed);
            } finally {
                gz.release();
            }
        }
        if (stream != null) {
            stream.endBody(response.trailers == null ? null : response.trailers.get());
            return;
        }
        if (response.chunked) {
            OutputBuffer out = connection.output();
            out.put(LAST_CHUNK);
            Map<String, String> trailers = response.trailers == null ? null : response.trailers.get();
            if (trailers != null) {
                for (Map.Entry<String, String> e : trailers.entrySet()) {
                    out.putText(e.getKey());
                    out.put((byte) ':');
                    out.put((byte) ' ');
                    out.putText(e.getValue());
                    out.putCrlf();
                }
            }
            out.putCrlf();
        }
    }
}
