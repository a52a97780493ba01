package io.subito.servlet.request;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body as a {@link ServletInputStream}. Blocking only: a {@link ReadListener} is
 * driven from the async context's thread, told data is available until the body ends.
 */
public final class ServletInput extends ServletInputStream {
    private InputStream body;
    private boolean finished;
    private long bytesRead;
    /** One byte read ahead by the ReadListener driver so it can wait without a non-blocking engine. */
    private int pushback = -1;
    private ReadListener listener;
    private final RequestState state;

    ServletInput(RequestState state) {
        this.state = state;
    }

    void reset(InputStream source) {
        body = source;
        finished = false;
        bytesRead = 0;
        pushback = -1;
        listener = null;
    }

    @Override
    public int read() throws IOException {
        int p = pushback;
        if (p >= 0) {
            pushback = -1;
            bytesRead++;
            return p;
        }
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
        int p = pushback;
        if (p >= 0) {
            // the byte the listener driver waited for, then only what needs no waiting
            pushback = -1;
            buf[off] = (byte) p;
            int more = Math.min(len - 1, body.available());
            int n = more > 0 ? body.read(buf, off + 1, more) : 0;
            int total = 1 + Math.max(n, 0);
            bytesRead += total;
            return total;
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
        return body.available() + (pushback >= 0 ? 1 : 0);
    }

    @Override
    public boolean isFinished() {
        return pushback < 0 && (finished || state.exchange.isBodyFinished());
    }

    /**
     * With a ReadListener, ready means a read will not block: a byte is waiting or buffered, or
     * the end is known. Without one the stream is blocking and always ready.
     */
    @Override
    public boolean isReady() {
        if (listener == null) {
            return true;
        }
        try {
            return pushback >= 0 || body.available() > 0 || isFinished();
        } catch (IOException e) {
            return true; // a read will report the failure at once
        }
    }

    /**
     * For the listener driver: blocks until one more byte arrives and keeps it for the next read.
     * Returns false at the end of the body.
     */
    public boolean awaitData() throws IOException {
        if (pushback >= 0 || body.available() > 0) {
            return true;
        }
        int b = body.read();
        if (b < 0) {
            finished = true;
            return false;
        }
        pushback = b;
        return true;
    }

    @Override
    public void setReadListener(ReadListener l) {
        if (l == null) {
            throw new NullPointerException("ReadListener");
        }
        if (listener != null) {
            throw new IllegalStateException("ReadListener already set");
        }
        if (state.async == null || !state.async.isStarted()) {
            throw new IllegalStateException("setReadListener needs an async request");
        }
        listener = l;
        state.async.runReadListener(this, l);
    }
}
