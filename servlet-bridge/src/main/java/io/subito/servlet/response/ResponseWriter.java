package io.subito.servlet.response;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The response's PrintWriter, bound to one request generation over the connection's pooled
 * {@link EncodingWriter}. The sink serves the next response on the connection too, so once this
 * writer's request has completed it writes nothing and reports the failure through
 * {@link #checkError()}, as a PrintWriter does. close() ends the body without letting
 * PrintWriter drop its sink; writes after close are ignored by the sink.
 */
public final class ResponseWriter extends PrintWriter {
    private final ResponseState state;
    private final int generation;

    ResponseWriter(ResponseState state) {
        super(state.sink, false);
        this.state = state;
        this.generation = state.request.generation;
    }

    /** Whether this writer's response is still the one the sink serves; marks the error if not. */
    private boolean current() {
        if (state.request.generation == generation) {
            return true;
        }
        setError();
        return false;
    }

    @Override
    public void write(int c) {
        if (current()) {
            super.write(c);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) {
        if (current()) {
            super.write(buf, off, len);
        }
    }

    @Override
    public void write(String s, int off, int len) {
        if (current()) {
            super.write(s, off, len);
        }
    }

    /** PrintWriter writes the line separator to its sink directly, so the check is repeated here. */
    @Override
    public void println() {
        if (current()) {
            super.println();
        }
    }

    @Override
    public void flush() {
        if (current()) {
            super.flush();
        }
    }

    @Override
    public void close() {
        if (!current()) {
            return;
        }
        EncodingWriter sink = state.sink;
        try {
            sink.close();
        } catch (IOException e) {
            setError();
        }
        if (sink.output().isClosed()) {
            sink.markClosed();
        }
    }
}
