package io.subito.servlet.request;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * The body stream as the application holds it: bound to one request generation over the
 * connection's pooled {@link ServletInput}. The pooled stream is reused for the next request on
 * the connection, so a stream kept past its request would read the next request's body; this
 * one fails instead. Made only when the application asks for the stream.
 */
final class BoundInputStream extends ServletInputStream {
    private final RequestState state;
    private final int generation;

    BoundInputStream(RequestState state) {
        this.state = state;
        this.generation = state.generation;
    }

    private ServletInput current() {
        if (state.generation != generation) {
            throw new IllegalStateException("this request has completed; its input stream may not be used any more");
        }
        return state.input;
    }

    private ServletInput currentForIo() throws IOException {
        if (state.generation != generation) {
            throw new IOException("this request has completed; its input stream may not be used any more");
        }
        return state.input;
    }

    @Override
    public int read() throws IOException {
        return currentForIo().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return currentForIo().read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return currentForIo().available();
    }

    @Override
    public boolean isFinished() {
        return current().isFinished();
    }

    @Override
    public boolean isReady() {
        return current().isReady();
    }

    @Override
    public void setReadListener(ReadListener l) {
        current().setReadListener(l);
    }
}
