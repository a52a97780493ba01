package io.subito.container;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * How an HTTP/1.1 connection ends after its last response. By default it half-closes and waits
 * (lingers) for the client's FIN, reading and discarding what still comes, so that bytes the
 * client sent behind the last request do not make the kernel reset the connection before the
 * response was read. A transport that can tell the client the stream is whole (TLS: close_notify)
 * closes at once instead when the client asked to close and nothing it sent is left unread: no
 * half-close, no read of the client's end ({@link Transport#closesAtOnce}).
 */
final class ConnectionEnd {
    /** How long a half-closed connection waits for the client's FIN before it is closed anyway. */
    static final long LINGER_MILLIS = 2000;

    private final Connection c;
    /** The last request asked to close ({@code Connection: close}, HTTP/1.0) and was read to its end. */
    private boolean clientEnds;
    private long lingeringSince;

    ConnectionEnd(Connection c) {
        this.c = c;
    }

    /** Batch side, after each exchange: whether the client ends the connection with this request. */
    void requestEnded(boolean keepAliveRequested, boolean bodyRead) {
        clientEnds = !keepAliveRequested && bodyRead;
    }

    /** Whether the connection closes at once after its last response (by the thread that runs the batch, or the loop after it). */
    boolean atOnce() {
        return clientEnds && c.transport.closesAtOnce() && !c.input.hasUnread() && !c.transport.hasBufferedInput();
    }

    /** Batch side, before the last response's write: TLS puts close_notify in that write when the connection closes at once. */
    void beforeLastWrite() {
        if (atOnce()) {
            c.transport.endWithNextWrite();
        }
    }

    /** Loop side, the last response is out: close at once, or half-close and linger. */
    void afterLastWrite() {
        if (atOnce()) {
            c.moveTo(ConnectionState.CLOSING); // as after lingering: the batch is over, its buffers go back to the pools
            c.close();
            return;
        }
        try {
            c.transport.shutdownOutput();
        } catch (IOException e) {
            c.close();
            return;
        }
        if (c.state() == ConnectionState.CLOSED) {
            return;
        }
        c.moveTo(ConnectionState.CLOSING);
        lingeringSince = c.loop.now();
        c.transport.interest(SelectionKey.OP_READ);
    }

    /** Loop side, lingering: what the client still sends is discarded; its FIN (or an error) closes. */
    void onReadable() {
        ByteBuffer sink = ByteBuffer.wrap(c.scratch());
        try {
            if (c.transport.read(sink) < 0) {
                c.close();
            }
        } catch (IOException e) {
            c.close();
        }
    }

    /** Reaper: whether the linger has lasted its time. */
    boolean lingeredTooLong(long now) {
        return now - lingeringSince > LINGER_MILLIS;
    }
}
