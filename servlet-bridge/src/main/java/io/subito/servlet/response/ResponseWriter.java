package io.subito.servlet.response;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The response's PrintWriter. Pooled with its connection, so close() ends the body without
 * letting PrintWriter drop its sink; writes after close are ignored by the sink.
 */
public final class ResponseWriter extends PrintWriter {
    private final EncodingWriter sink;

    ResponseWriter(EncodingWriter sink) {
        super(sink, false);
        this.sink = sink;
    }

    void reopen() {
        clearError();
    }

    @Override
    public void close() {
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
