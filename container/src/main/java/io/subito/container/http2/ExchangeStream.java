package io.subito.container.http2;

import java.io.IOException;
import java.util.Map;

/**
 * Where an exchange's request body comes from and its response goes when the exchange is not
 * framed by the connection's HTTP/1.1 handler: an HTTP/2 stream. An HTTP/1.1 exchange has none
 * (one null check per body call), and everything below it stays as it was. Called by the
 * handler's thread, except where said.
 */
public interface ExchangeStream {
    // ---- request body

    /** Body bytes into {@code dst}, waiting for them; -1 at the end. */
    int readBody(byte[] dst, int off, int len) throws IOException;

    /** Body bytes that can be read without waiting. */
    int availableBody();

    /** Whether the whole body has been read. */
    boolean bodyFinished();

    /** Whether a body read would return without waiting. */
    boolean bodyReadyNow();

    /** {@code r} runs once (on the connection's loop) when a body read would not wait. */
    void whenBodyReadable(Runnable r);

    /** The request's trailer fields, once the body has been read to its end; empty otherwise. */
    Map<String, String> trailers();

    /** The request expects 100-continue and its body is being asked for: an interim 100 goes out before the final head. */
    void sendContinue();

    // ---- response

    /** Whether the response's body goes out (not for HEAD, nor for a bodyless status). */
    boolean sendsBody();

    /** The head of {@code r} goes out; {@code complete}: the whole body is {@code total} bytes, already known. */
    void commitHead(ResponseHead r, boolean complete, long total) throws IOException;

    /** Body bytes after the head; may wait for the client's flow-control window. */
    void writeBody(byte[] b, int off, int len) throws IOException;

    /** What is written leaves now. */
    void flush() throws IOException;

    /** The body is complete; trailer fields follow when {@code trailers} is not empty. */
    void endBody(Map<String, String> trailers) throws IOException;

    /** The response cannot be completed: the stream is reset. */
    void abort();

    /** Response writes no longer wait; {@link #outputReadyNow} and {@link #whenWritable} take over. */
    void nonBlockingOutput();

    boolean outputReadyNow();

    void whenWritable(Runnable r);

    /** An async exchange was completed (any thread): the exchange is finished and given back. */
    void asyncCompleted();
}
