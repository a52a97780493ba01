package io.subito.container;

/**
 * Where a connection is in its life, and so which thread may touch it. Only
 * {@link Connection#moveTo} and {@link Connection#moveIf} change it.
 *
 * <pre>
 *            bytes, no complete head                     head complete
 *   +-----&gt; READING ---------------------------------------------------&gt; RUNNING (a batch: loop
 *   |          ^  ^                                                       |   thread or worker)
 *   |  batch   |  | all written                        socket not ready   |
 *   |  ended,  |  +---- FLUSHING &lt;--- batch ended, bytes left ---------+   +--&gt; WAIT_READ / WAIT_WRITE
 *   |  written |          (loop writes on OP_WRITE)                         |    (batch thread parked,
 *   |          |                                                         |     loop unparks it)
 *   |          +---- RUNNING &lt;--- complete() --- ASYNC &lt;--- startAsync --+
 *   |                                                                    |
 *   |   101 sent: UPGRADED (another protocol; the loop only reports readiness)
 *   |   HTTP/2 preface (h2c), or ALPN h2: HTTP2 (the loop runs the session; streams on workers)
 *   |
 *   +-- must close: last response written, output shut --&gt; CLOSING (wait for the client's FIN,
 *                                                           at most ConnectionEnd.LINGER_MILLIS) --&gt; CLOSED
 * </pre>
 *
 * Any state can go to CLOSED (client gone, I/O error, reaper, server stop).
 */
enum ConnectionState {
    /** The loop reads; no request in hand, or a head still arriving. */
    READING,
    /** A batch runs, inline on the loop or on a worker; the loop does not read meanwhile (back-pressure). */
    RUNNING,
    /** The batch's thread waits for request-body bytes; the loop unparks it when the socket is readable. */
    WAIT_READ,
    /** The batch's thread waits for room in the socket; the loop unparks it when the socket is writable. */
    WAIT_WRITE,
    /** A request went async; the batch goes on when the exchange completes, from any thread. */
    ASYNC,
    /** The batch ended with output the socket did not take; the loop writes the rest, without a thread waiting. */
    FLUSHING,
    /** The last response is out and the output shut; waiting for the client's FIN so the response is not reset. */
    CLOSING,
    CLOSED,
    /** Handed over to another protocol after a 101 response; the loop only reports readiness. */
    UPGRADED,
    /** An HTTP/2 connection: the loop reads and writes its frames ({@code Http2Link}); its streams run on workers. */
    HTTP2;

    /** Whether readiness goes to the callbacks of a non-blocking exchange or an upgraded protocol. */
    boolean reportsReadiness() {
        return this == RUNNING || this == ASYNC || this == UPGRADED;
    }

    /** Whether a response can still be sent on the connection. */
    boolean isOpen() {
        return this != CLOSED && this != CLOSING;
    }
}
