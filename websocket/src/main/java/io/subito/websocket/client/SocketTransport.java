package io.subito.websocket.client;

import io.subito.websocket.session.Transport;
import io.subito.websocket.session.WsThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A client connection's transport over a socket of its own (plain or TLS): one reader thread per
 * connection waits in a blocking read, keeps what it got until the connection has taken it, and
 * then calls the connection's readable callback on that thread, as the server's selector loop would. Writes go
 * straight to the socket (a client's sends wait for the socket, which is what a basic send means
 * anyway). A client holds few connections, so a thread each is the simple and sound choice here.
 */
final class SocketTransport implements Transport {
    private static final int CHUNK = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    /** Bytes read and not yet taken: chunk[start, end). Guarded by this. */
    private final byte[] chunk = new byte[CHUNK];
    private int start;
    private int end;
    private boolean ended;
    private IOException failure;
    private Runnable readable;
    private boolean closed;
    private final List<Runnable> closeCallbacks = new ArrayList<>();

    /** @param in the socket's input, possibly with bytes the handshake read ahead */
    SocketTransport(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    /** Starts the reader thread: from now on bytes arrive. */
    void start(String name) {
        Thread t = new Thread(this::readLoop, "subito-ws-client " + name);
        t.setDaemon(true);
        t.start();
    }

    private void readLoop() {
        byte[] b = new byte[CHUNK];
        while (true) {
            int n;
            IOException error = null;
            try {
                n = in.read(b);
            } catch (IOException e) {
                n = -1;
                error = e;
            }
            Runnable r;
            synchronized (this) {
                while (start < end && !closed) {
                    try {
                        wait(); // the connection has not taken the last chunk yet: back-pressure
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                if (n < 0) {
                    ended = true;
                    failure = error;
                } else {
                    System.arraycopy(b, 0, chunk, 0, n);
                    start = 0;
                    end = n;
                }
                r = readable;
                readable = null;
            }
            if (r != null) {
                r.run(); // the connection only reads and parses here; its messages go to a worker
            }
            if (n < 0) {
                return;
            }
        }
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        if (start < end) {
            int n = Math.min(end - start, dst.remaining());
            dst.put(chunk, start, n);
            start += n;
            if (start == end) {
                notifyAll();
            }
            return n;
        }
        if (failure != null && !closed) {
            throw failure;
        }
        return ended || closed ? -1 : 0;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        synchronized (writeLock) {
            for (int i = offset; i < offset + length; i++) {
                ByteBuffer b = srcs[i];
                int n = b.remaining();
                if (b.hasArray()) {
                    out.write(b.array(), b.arrayOffset() + b.position(), n);
                    b.position(b.limit());
                } else {
                    byte[] copy = new byte[n];
                    b.get(copy);
                    out.write(copy);
                }
                total += n;
            }
            out.flush();
        }
        return total;
    }

    @Override
    public boolean hasPendingOutput() {
        return false;
    }

    @Override
    public void whenReadable(Runnable r) {
        boolean now;
        synchronized (this) {
            now = start < end || ended || closed;
            if (!now) {
                readable = r;
            }
        }
        if (now) {
            WsThreads.execute(r);
        }
    }

    @Override
    public void whenWritable(Runnable r) {
        WsThreads.execute(r); // writes never leave bytes behind
    }

    @Override
    public void onClose(Runnable r) {
        boolean now;
        synchronized (this) {
            now = closed;
            if (!now) {
                closeCallbacks.add(r);
            }
        }
        if (now) {
            r.run();
        }
    }

    @Override
    public void onServerStop(Runnable r) {
        // a client has no server stop
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        List<Runnable> callbacks;
        Runnable r;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            callbacks = List.copyOf(closeCallbacks);
            closeCallbacks.clear();
            r = readable;
            readable = null;
            notifyAll();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        callbacks.forEach(Runnable::run);
        if (r != null) {
            WsThreads.execute(r);
        }
    }
}
