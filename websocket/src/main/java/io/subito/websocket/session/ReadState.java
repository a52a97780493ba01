package io.subito.websocket.session;

/**
 * Where a connection's reading is. The reader (the server's selector loop, or the thread that
 * opens the session) reads and parses; messages wait in the {@link Inbox} for a worker.
 *
 * <pre>
 *   ARMED --(the socket is readable)--> READING --(socket emptied)--> ARMED
 *   READING --(inbox or outbox past its limit)--> PAUSED --(the worker made room)--> ARMED
 *   READING --(close frame, protocol error, end of stream)--> ENDED
 * </pre>
 */
enum ReadState {
    /** A readiness callback is registered (or the first read is about to run). */
    ARMED,
    /** The reader is reading and parsing now. */
    READING,
    /** Back-pressure: nothing is registered until the worker or the outbox makes room. */
    PAUSED,
    /** Nothing more is read: a last item is in the inbox. */
    ENDED
}
