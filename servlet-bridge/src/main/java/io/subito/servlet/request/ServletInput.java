package io.subito.servlet.request;

import io.subito.servlet.nio.ListenerChecks;
import io.subito.servlet.nio.ReadListenerDriver;
import io.subito.servlet.nio.SocketReadiness;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body as a {@link ServletInputStream}: blocking, or, once a {@link ReadListener}
 * is set, driven by the selector through {@link ReadListenerDriver}.
 */
public final class ServletInput extends ServletInputStream {
    private InputStream body;
    private boolean finished;
    private long bytesRead;
    private ReadListenerDriver listener;
    private final RequestState state;

    ServletInput(RequestState state) {
        this.state = state;
    }

    void reset(InputStream source) {
        body = source;
        finished = false;
        bytesRead = 0;
        listener = null;
    }

    @Override
    public int read() throws IOException {
        int b = body.read();
        if (b < 0) {
            finished = true;
        } else {
            bytesRead++;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = body.read(buf, off, len);
        if (n < 0) {
            finished = true;
        } else {
            bytesRead += n;
        }
        return n;
    }

    /** Body bytes handed to the application so far. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public int available() throws IOException {
        return body.available();
    }

    @Override
    public boolean isFinished() {
        return finished || state.exchange.isBodyFinished();
    }

    /** Without a listener the stream is blocking and always ready. */
    @Override
    public boolean isReady() {
        return listener == null || listener.isReady();
    }

    @Override
    public void setReadListener(ReadListener l) {
        ListenerChecks.requireFirst(l, listener, "ReadListener");
        if (state.async == null || !state.async.isStarted()) {
            throw new IllegalStateException("setReadListener needs an async request");
        }
        listener = new ReadListenerDriver(l, this, SocketReadiness.requestBody(state.exchange), state.async.listenerRunner());
        listener.start();
    }
}
