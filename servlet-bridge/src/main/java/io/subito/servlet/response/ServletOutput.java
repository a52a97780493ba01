package io.subito.servlet.response;

import io.subito.servlet.nio.ListenerChecks;
import io.subito.servlet.nio.SocketReadiness;
import io.subito.servlet.nio.WriteListenerDriver;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The response body stream over the engine's buffered output. It closes itself once the
 * declared Content-Length has been written (Servlet 6.1 section 5.7) and drops output while the
 * response is suspended after sendError/sendRedirect.
 */
public final class ServletOutput extends ServletOutputStream {
    private final ResponseState state;
    private OutputStream out;
    private boolean closed;
    private WriteListenerDriver listener;

    ServletOutput(ResponseState state) {
        this.state = state;
    }

    void begin(OutputStream engineOutput) {
        out = engineOutput;
        closed = false;
        listener = null;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void write(int b) throws IOException {
        checkWritable();
        if (dropping()) {
            return;
        }
        out.write(b);
        afterWrite();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkWritable();
        if (dropping()) {
            return;
        }
        long cl = state.contentLength;
        if (cl >= 0) {
            long room = cl - state.raw.bytesWritten();
            if (len > room) {
                len = (int) Math.max(0, room);
            }
        }
        out.write(b, off, len);
        afterWrite();
    }

    private void checkWritable() {
        if (listener != null) {
            listener.checkWritable();
        }
    }

    private boolean dropping() {
        return closed || state.suspended;
    }

    private void afterWrite() throws IOException {
        long cl = state.contentLength;
        if (cl >= 0 && state.raw.bytesWritten() >= cl) {
            close();
        }
    }

    /** Commits and sends what is buffered; a no-op once closed or after sendError/sendRedirect. */
    @Override
    public void flush() throws IOException {
        if (closed || state.suspended) {
            return;
        }
        state.raw.flush();
    }

    /** Closes the body: the response is complete on the wire even if the servlet runs on. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (state.includeDepth > 0) {
            return; // an included servlet cannot end the including response
        }
        closed = true;
        out.close();
    }

    @Override
    public boolean isReady() {
        return listener == null || listener.isReady();
    }

    @Override
    public void setWriteListener(WriteListener l) {
        ListenerChecks.requireFirst(l, listener, "WriteListener");
        if (state.request.async == null || !state.request.async.isStarted()) {
            throw new IllegalStateException("setWriteListener needs an async request");
        }
        listener = new WriteListenerDriver(l, SocketReadiness.response(state.request.exchange),
                state.request.async.listenerRunner());
        listener.start();
    }
}
