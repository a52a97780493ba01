package io.subito.websocket.session;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte pipe under a {@link WsConnection}: the engine's upgraded connection on the server
 * ({@code EngineTransport}), a socket of its own on the client. Reads and writes never wait;
 * readiness comes as a callback on the transport's own thread (the server's selector loop), which
 * may read and parse but must hand anything that can wait off to a worker.
 */
public interface Transport {
    /** Reads what is there without waiting: the bytes read, 0 if none, -1 at the end of the stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Writes what the transport takes now, without waiting; the bytes taken. */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** Bytes taken but not sent yet (TLS records); a write is complete only without them. */
    boolean hasPendingOutput();

    /** {@code r} runs once when there is something to read (or the stream ended). */
    void whenReadable(Runnable r);

    /** {@code r} runs once when the transport takes bytes again. */
    void whenWritable(Runnable r);

    /** {@code r} runs once when the transport closes, whoever closes it. */
    void onClose(Runnable r);

    /** {@code r} runs once when the server begins a graceful stop (never on a client). */
    void onServerStop(Runnable r);

    boolean isOpen();

    void close();
}
