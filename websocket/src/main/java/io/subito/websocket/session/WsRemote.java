package io.subito.websocket.session;

import io.subito.websocket.endpoint.Coders;
import io.subito.websocket.frame.Opcode;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The session's senders: {@link Basic} waits until a message has left (or the send timeout),
 * {@link Async} returns at once with a {@link Future} or calls a {@link SendHandler}. Both queue
 * frames on the connection's {@code Outbox}, which never waits for the socket itself.
 */
abstract class WsRemote implements RemoteEndpoint {
    final WsSession session;
    private volatile boolean batching;

    WsRemote(WsSession session) {
        this.session = session;
    }

    @Override
    public void setBatchingAllowed(boolean allowed) {
        batching = allowed;
    }

    @Override
    public boolean getBatchingAllowed() {
        return batching;
    }

    /** Frames leave as they are sent: the outbox gathers what queues up meanwhile into one write. */
    @Override
    public void flushBatch() {
    }

    @Override
    public void sendPing(ByteBuffer data) throws IOException {
        control(Opcode.PING, data);
    }

    @Override
    public void sendPong(ByteBuffer data) throws IOException {
        control(Opcode.PONG, data);
    }

    private void control(int opcode, ByteBuffer data) throws IOException {
        if (data != null && data.remaining() > 125) {
            throw new IllegalArgumentException("a " + Opcode.name(opcode) + " payload is at most 125 bytes, not " + data.remaining());
        }
        if (!session.isOpen()) {
            throw new IOException("the WebSocket session is closed");
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        session.connection().sendControl(opcode, data == null ? ByteBuffer.allocate(0) : data.slice(), completer(f));
        await(f);
    }

    static Consumer<Throwable> completer(CompletableFuture<Void> f) {
        return t -> {
            if (t == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(t);
            }
        };
    }

    void await(Future<Void> f) throws IOException {
        long timeout = session.getContainer().getDefaultAsyncSendTimeout();
        try {
            if (timeout > 0) {
                f.get(timeout, TimeUnit.MILLISECONDS);
            } else {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the client did not read the message within " + timeout + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        }
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    Future<Void> send(int opcode, boolean fin, ByteBuffer payload) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        session.connection().sendData(opcode, fin, payload, completer(f));
        return f;
    }

    /** getBasicRemote(): every send returns once its frame has left. */
    static final class Basic extends WsRemote implements RemoteEndpoint.Basic {
        /** The opcode of a message sent in parts that has not ended, or -1; a whole message may not start meanwhile. */
        private int partialOpcode = -1;

        Basic(WsSession session) {
            super(session);
        }

        @Override
        public void sendText(String text) throws IOException {
            requireNotNull(text);
            checkNoPartial();
            await(send(Opcode.TEXT, true, utf8(text)));
        }

        @Override
        public void sendBinary(ByteBuffer data) throws IOException {
            requireNotNull(data);
            checkNoPartial();
            await(send(Opcode.BINARY, true, data.slice()));
        }

        @Override
        public synchronized void sendText(String part, boolean isLast) throws IOException {
            requireNotNull(part);
            sendPart(Opcode.TEXT, utf8(part), isLast);
        }

        @Override
        public synchronized void sendBinary(ByteBuffer part, boolean isLast) throws IOException {
            requireNotNull(part);
            sendPart(Opcode.BINARY, part.slice(), isLast);
        }

        private void sendPart(int opcode, ByteBuffer payload, boolean last) throws IOException {
            if (partialOpcode != -1 && partialOpcode != opcode) {
                throw new IllegalStateException("a " + Opcode.name(partialOpcode) + " message sent in parts has not ended");
            }
            int op = partialOpcode == -1 ? opcode : Opcode.CONTINUATION;
            partialOpcode = last ? -1 : opcode;
            await(send(op, last, payload));
        }

        private synchronized void checkNoPartial() {
            if (partialOpcode != -1) {
                throw new IllegalStateException("a " + Opcode.name(partialOpcode) + " message sent in parts has not ended");
            }
        }

        @Override
        public OutputStream getSendStream() {
            return new MessageStreams.Binary(this);
        }

        @Override
        public Writer getSendWriter() {
            return new MessageStreams.Text(this);
        }

        @Override
        public void sendObject(Object data) throws IOException, EncodeException {
            requireNotNull(data);
            Coders.Encoded e = session.coders().encode(data);
            if (e.text() != null) {
                sendText(e.text());
            } else {
                sendBinary(e.binary());
            }
        }
    }

    /** getAsyncRemote(): sends return at once. */
    static final class Async extends WsRemote implements RemoteEndpoint.Async {
        private volatile long timeout = -1;

        Async(WsSession session) {
            super(session);
        }

        @Override
        public long getSendTimeout() {
            return timeout < 0 ? session.getContainer().getDefaultAsyncSendTimeout() : timeout;
        }

        @Override
        public void setSendTimeout(long timeoutmillis) {
            timeout = timeoutmillis;
        }

        @Override
        public void sendText(String text, SendHandler handler) {
            requireNotNull(text);
            requireNotNull(handler);
            session.connection().sendData(Opcode.TEXT, true, utf8(text), toHandler(handler));
        }

        @Override
        public Future<Void> sendText(String text) {
            requireNotNull(text);
            return send(Opcode.TEXT, true, utf8(text));
        }

        @Override
        public Future<Void> sendBinary(ByteBuffer data) {
            requireNotNull(data);
            return send(Opcode.BINARY, true, data.slice());
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler handler) {
            requireNotNull(data);
            requireNotNull(handler);
            session.connection().sendData(Opcode.BINARY, true, data.slice(), toHandler(handler));
        }

        @Override
        public Future<Void> sendObject(Object data) {
            requireNotNull(data);
            Coders.Encoded e;
            try {
                e = session.coders().encode(data);
            } catch (EncodeException | IOException | RuntimeException ex) {
                return CompletableFuture.failedFuture(ex); // what an encoder throws fails this send only (get(): ExecutionException)
            }
            return e.text() != null ? sendText(e.text()) : sendBinary(e.binary());
        }

        @Override
        public void sendObject(Object data, SendHandler handler) {
            requireNotNull(data);
            requireNotNull(handler);
            Coders.Encoded e;
            try {
                e = session.coders().encode(data);
            } catch (EncodeException | IOException | RuntimeException ex) {
                handler.onResult(new SendResult(ex)); // what an encoder throws fails this send only
                return;
            }
            if (e.text() != null) {
                sendText(e.text(), handler);
            } else {
                sendBinary(e.binary(), handler);
            }
        }

        private static Consumer<Throwable> toHandler(SendHandler h) {
            return t -> h.onResult(t == null ? new SendResult() : new SendResult(t));
        }
    }

    static void requireNotNull(Object o) {
        if (o == null) {
            throw new IllegalArgumentException("null is not a message");
        }
    }
}
