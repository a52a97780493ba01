package io.subito.container;

import io.subito.container.compress.AcceptEncoding;
import io.subito.container.compress.CompressionSettings;
import io.subito.container.compress.GzipEncoder;
import io.subito.container.http2.ExchangeStream;
import io.subito.container.http2.ResponseHead;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The response side of an exchange. Body bytes collect in a buffer; the head is written when the
 * buffer overflows, on {@link #flush()}, or when the exchange completes (then with an exact
 * Content-Length). Headers are kept as the caller's strings, so setting constant headers
 * allocates nothing.
 */
public final class HttpResponse implements ResponseHead {
    private final ResponseBody body;
    int status = 200;
    String reason;
    String[] names = new String[12];
    String[] values = new String[12];
    int headerCount;
    long contentLength = -1;
    boolean committed;
    boolean chunked;
    boolean closeConnection;
    boolean aborted;
    Supplier<Map<String, String>> trailers;
    /** Non-null when this response may be gzipped; decided at commit ({@link ResponseCompression}). */
    CompressionSettings compression;
    /** The encoder while the body is being gzipped. */
    GzipEncoder gzip;
    /** Reads the request's Accept-Encoding; made the first time a response of this exchange may be compressed. */
    AcceptEncoding acceptEncoding;

    HttpResponse(int bufferSize) {
        this.body = new ResponseBody(this, bufferSize);
    }

    void bind(Connection c, ExchangeStream s, io.subito.container.http.RequestHead streamRequest) {
        body.bind(c, s, streamRequest);
    }

    /**
     * After the exchange completed: cleared, and closed until {@link #begin()}. A handler that
     * kept this object past completion can then neither write body bytes nor set status or
     * headers that the connection's next response would carry.
     */
    void recycle() {
        clear();
        body.restoreCapacity();
        committed = true;
        body.complete();
    }

    /** Opens the cleared response for the connection's next request. */
    void begin() {
        committed = false;
        body.open();
    }

    private void clear() {
        status = 200;
        reason = null;
        Arrays.fill(names, 0, headerCount, null);
        Arrays.fill(values, 0, headerCount, null);
        headerCount = 0;
        contentLength = -1;
        committed = false;
        chunked = false;
        closeConnection = false;
        aborted = false;
        trailers = null;
        compression = null;
        GzipEncoder gz = gzip;
        if (gz != null) {
            gzip = null; // a body that never finished (aborted, connection lost): the encoder is reusable all the same
            gz.release();
        }
        body.recycle();
    }

    @Override
    public int status() {
        return status;
    }

    public void status(int code) {
        status(code, null);
    }

    /** Sets the status; a null reason means the standard phrase. */
    public void status(int code, String reasonPhrase) {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status " + code);
        }
        if (!committed) {
            status = code;
            reason = reasonPhrase;
        }
    }

    public void setHeader(String name, String value) {
        if (committed) {
            return;
        }
        if (isConnectionClose(name, value)) {
            closeConnection = true;
            return;
        }
        int i = indexOf(name);
        if (i < 0) {
            if (value != null) {
                addHeader(name, value);
            }
            return;
        }
        if (value == null) {
            removeHeader(name);
            return;
        }
        values[i] = value;
        for (int j = indexOf(name, i + 1); j >= 0; j = indexOf(name, i + 1)) {
            remove(j);
        }
    }

    public void addHeader(String name, String value) {
        if (committed || value == null) {
            return;
        }
        if (isConnectionClose(name, value)) {
            closeConnection = true;
            return;
        }
        if (headerCount == names.length) {
            names = Arrays.copyOf(names, headerCount * 2);
            values = Arrays.copyOf(values, headerCount * 2);
        }
        names[headerCount] = name;
        values[headerCount++] = value;
    }

    /**
     * The engine owns Connection (it frames messages); an application asking for close by header
     * gets it, as with {@link #closeConnection()}.
     */
    private static boolean isConnectionClose(String name, String value) {
        return name.length() == 10 && name.equalsIgnoreCase("Connection") && value != null
                && value.toLowerCase(java.util.Locale.ROOT).contains("close");
    }

    public void removeHeader(String name) {
        if (committed) {
            return;
        }
        for (int i = indexOf(name); i >= 0; i = indexOf(name)) {
            remove(i);
        }
    }

    public String header(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    public List<String> headers(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = indexOf(name); i >= 0; i = indexOf(name, i + 1)) {
            out.add(values[i]);
        }
        return out;
    }

    /** Header names in insertion order, each once. */
    public List<String> headerNames() {
        List<String> out = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            if (indexOf(names[i]) == i) {
                out.add(names[i]);
            }
        }
        return out;
    }

    /** Header fields as set, in order (a name may repeat): for protocol handlers that encode them their own way. */
    @Override
    public int headerCount() {
        return headerCount;
    }

    @Override
    public String headerName(int i) {
        return names[i];
    }

    @Override
    public String headerValue(int i) {
        return values[i];
    }

    public boolean containsHeader(String name) {
        return indexOf(name) >= 0;
    }

    /** -1 for unknown: the engine then uses the buffered length, or chunked when it must commit early. */
    public void contentLength(long length) {
        if (!committed) {
            contentLength = length;
        }
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    /** The body stream. Closing it completes the body (the head is written, then the last chunk). */
    public OutputStream output() {
        return body;
    }

    public int bufferSize() {
        return body.capacity();
    }

    /** Changes the buffer size; only before any body byte is written. */
    public void bufferSize(int size) {
        body.resize(size);
    }

    /** Body bytes accepted so far (buffered or written). */
    public long bytesWritten() {
        return body.count();
    }

    public boolean isCommitted() {
        return committed;
    }

    /** Discards buffered body bytes; fails once committed. */
    public void resetBuffer() {
        if (committed) {
            throw new IllegalStateException("response already committed");
        }
        body.discard();
    }

    /** Clears status, headers and buffered body; fails once committed. */
    public void reset() {
        if (committed) {
            throw new IllegalStateException("response already committed");
        }
        boolean close = closeConnection;
        CompressionSettings c = compression;
        int size = body.capacity();
        clear();
        body.resize(size);
        closeConnection = close;
        compression = c;
    }

    /** Commits the head and sends the buffered bytes to the client now. */
    public void flush() throws IOException {
        body.flush();
    }

    /** Asks for the connection to close after this response. */
    public void closeConnection() {
        closeConnection = true;
    }

    /**
     * The response cannot be completed (the application failed after committing it): what was
     * sent stays as it is, a chunked body gets no last chunk, and the connection closes after it,
     * so the client sees a cut-off response rather than a whole-looking one. Before commit this
     * only asks for the connection to close.
     */
    public void abort() {
        aborted = true;
        closeConnection = true;
    }

    public boolean isCloseRequested() {
        return closeConnection;
    }

    /** Trailer fields to send after a chunked body; asked for once, at the end of the body. */
    public void trailers(Supplier<Map<String, String>> supplier) {
        trailers = supplier;
    }

    public Supplier<Map<String, String>> trailers() {
        return trailers;
    }

    /**
     * Lets the engine gzip this response if, at commit, it qualifies (status, type, length,
     * no Content-Encoding or range of its own, the request accepts gzip; docs/ARCHITECTURE.md).
     * Null or disabled settings: sent as written. Ignored once committed; cleared with the response.
     */
    public void compression(CompressionSettings settings) {
        if (!committed) {
            compression = settings != null && settings.enabled() ? settings : null;
        }
    }

    ResponseBody body() {
        return body;
    }

    int indexOf(String name) {
        return indexOf(name, 0);
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < headerCount; i++) {
            String n = names[i];
            if (n == name || n.equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private void remove(int i) {
        System.arraycopy(names, i + 1, names, i, headerCount - i - 1);
        System.arraycopy(values, i + 1, values, i, headerCount - i - 1);
        headerCount--;
        names[headerCount] = null;
        values[headerCount] = null;
    }
}
