package io.subito.servlet.response;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/**
 * The body stream as the application holds it: bound to one response (through its facade) over the
 * connection's pooled {@link ServletOutput}. The pooled stream writes into whatever response
 * the connection serves now, so a stream kept past its request would write into the next
 * response; this one fails instead. Made only when the application asks for the stream.
 */
final class BoundOutputStream extends ServletOutputStream {
    /* Bound through the response facade (its one field), so the stream is 16 bytes: one per request that writes. */
    private final Response response;

    BoundOutputStream(Response response) {
        this.response = response;
    }

    private boolean isCurrent() {
        return response.isCurrent();
    }

    private ServletOutput currentForIo() throws IOException {
        if (!isCurrent()) {
            throw new IOException("this response has completed; its output stream may not be used any more");
        }
        return response.state.output;
    }

    @Override
    public void write(int b) throws IOException {
        currentForIo().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        currentForIo().write(b, off, len);
    }

    /** A completed response's stream is closed already: flushing it must not commit the next one. */
    @Override
    public void flush() throws IOException {
        currentForIo().flush();
    }

    /** Closing a completed response's stream again has no effect (Closeable's contract). */
    @Override
    public void close() throws IOException {
        if (isCurrent()) {
            response.state.output.close();
        }
    }

    @Override
    public boolean isReady() {
        if (!isCurrent()) {
            throw new IllegalStateException("this response has completed; its output stream may not be used any more");
        }
        return response.state.output.isReady();
    }

    @Override
    public void setWriteListener(WriteListener l) {
        if (!isCurrent()) {
            throw new IllegalStateException("this response has completed; its output stream may not be used any more");
        }
        response.state.output.setWriteListener(l);
    }
}
