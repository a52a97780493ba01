package io.subito.websocket.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A message handed to a {@code Reader} or {@code InputStream} handler while it is still arriving:
 * the connection's read task puts its parts in (waiting while the handler is {@link #CAPACITY}
 * parts behind), the handler reads them on another worker. So a streamed message is never held
 * whole, whatever its size. The read task waits for the handler to return before it delivers the
 * next message: messages stay one at a time, in order.
 */
final class StreamedMessage {
    private static final int CAPACITY = 4;
    private static final Object END = new Object();

    private final ArrayBlockingQueue<Object> parts = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean handlerDone;
    private final Object doneLock = new Object();

    /** Read task: the next part (a String or a ByteBuffer); dropped once the handler has returned. */
    void put(Object part) throws InterruptedException {
        while (!handlerDone) {
            if (parts.offer(part, 50, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** Read task: the last part was put; waits until the handler has returned. */
    void endAndAwait() throws InterruptedException {
        put(END);
        synchronized (doneLock) {
            while (!handlerDone) {
                doneLock.wait();
            }
        }
    }

    /** Handler side, when onMessage has returned (or thrown). */
    void handlerReturned() {
        synchronized (doneLock) {
            handlerDone = true;
            doneLock.notifyAll();
        }
        parts.clear();
    }

    private Object take() throws InterruptedIOException {
        try {
            return parts.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the rest of the message");
        }
    }

    Reader reader() {
        return new Reader() {
            private String part = "";
            private int pos;
            private boolean ended;

            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (!ended && pos == part.length()) {
                    Object next = take();
                    if (next == END) {
                        ended = true;
                    } else {
                        part = (String) next;
                        pos = 0;
                    }
                }
                if (ended) {
                    return -1;
                }
                int n = Math.min(len, part.length() - pos);
                part.getChars(pos, pos + n, cbuf, off);
                pos += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    InputStream input() {
        return new InputStream() {
            private ByteBuffer part = ByteBuffer.allocate(0);
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (!ended && !part.hasRemaining()) {
                    Object next = take();
                    if (next == END) {
                        ended = true;
                    } else {
                        part = (ByteBuffer) next;
                    }
                }
                if (ended) {
                    return -1;
                }
                int n = Math.min(len, part.remaining());
                part.get(b, off, n);
                return n;
            }
        };
    }
}
