package io.subito.websocket.session;

import io.subito.websocket.extension.PerMessageDeflate;
import io.subito.websocket.frame.CloseCode;
import io.subito.websocket.frame.FrameParser;
import io.subito.websocket.frame.FrameWriter;
import io.subito.websocket.frame.Masking;
import io.subito.websocket.frame.MessageAssembler;
import io.subito.websocket.frame.MessageSink;
import io.subito.websocket.frame.Opcode;
import io.subito.websocket.frame.WsProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One WebSocket connection on the engine's upgraded connection, without a thread of its own.
 * When the socket is readable the loop itself reads (into the loop thread's buffer) and parses,
 * and the messages found wait in the {@link Inbox}, which a worker delivers in order, one at a
 * time; the read interest stays on meanwhile, so a message costs neither a change of it nor a
 * wake-up of the loop. Reading pauses ({@link ReadState}) while the inbox or the outbox is past
 * its limit. Between reads the connection holds at most the few bytes of an incomplete frame
 * header.
 *
 * <p>Also here: replies to pings, the close handshake ({@link CloseState}, changed only by
 * {@link #moveTo}), its timeout, and the refusals of the protocol layer (a close frame with the
 * code of the {@link WsProtocolException}).
 */
public final class WsConnection implements MessageSink {
    private static final System.Logger LOG = System.getLogger(WsConnection.class.getName());
    /** Reads of one readable callback before the loop serves other connections (a client that never stops sending). */
    private static final int READS_PER_CALLBACK = 4;
    /**
     * Weight of the messages read and not yet delivered past which reading pauses (a handler
     * slower than its client): about this many bytes, each message counting 64 more.
     */
    private static final long INBOX_BYTES = 64 * 1024;
    private static final java.lang.invoke.VarHandle READ_STATE;

    static {
        try {
            READ_STATE = java.lang.invoke.MethodHandles.lookup().findVarHandle(WsConnection.class, "readState", ReadState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** Mask keys of a client's frames: from a strong source, as section 10.3 asks. */
    private static final java.security.SecureRandom MASKS = new java.security.SecureRandom();

    private final Transport raw;
    private final boolean client;
    private final WsSettings settings;
    private final FrameParser parser;
    private final MessageAssembler assembler;
    private final PerMessageDeflate deflate;
    private final Outbox outbox;
    private final Events events;
    private final Inbox inbox;
    /** The loop's readable callback: reads on the loop (one object for the connection's life). */
    private final Runnable readLater = this::readNow;
    /** The bytes of an incomplete frame header between two reads; null when there are none. */
    private byte[] pendingInput;
    private volatile CloseState state = CloseState.OPEN;
    private volatile ReadState readState = ReadState.ARMED;
    private ScheduledFuture<?> closeTimer;
    private volatile long lastActivity = System.nanoTime();

    /** What the session above hears: messages, the end of the connection. */
    public interface Events extends MessageSink {
        /** Once: the close code and reason the connection ended with (1006 when the socket just ended). */
        void closed(int code, String reason);

        /** The client is gone or broke the protocol: for onError when it is not a normal end. */
        void failed(Throwable t);
    }

    /** @param client whether this is a client's connection: its frames are masked, the server's are not */
    public WsConnection(Transport raw, WsSettings settings, PerMessageDeflate deflate, Events events, boolean client) {
        this.raw = raw;
        this.client = client;
        this.settings = settings;
        this.deflate = deflate;
        this.events = events;
        this.assembler = new MessageAssembler(this, deflate, settings.maxTextMessageBytes(), settings.maxBinaryMessageBytes());
        this.parser = new FrameParser(assembler);
        parser.allowRsv1(deflate != null);
        if (client) {
            parser.readServerFrames();
        }
        this.outbox = new Outbox(raw, this::maybeResume);
        this.inbox = new Inbox(this::deliver, INBOX_BYTES, this::maybeResume);
    }

    /**
     * Hears the end of the socket and the server's stop from now on; call before the session's
     * onOpen, so a client gone meanwhile is noticed (then the session closes with 1006).
     */
    public void watch() {
        raw.onClose(() -> WsThreads.execute(this::transportClosed)); // off the loop: it completes the application's sends
        raw.onServerStop(() -> WsThreads.execute(() -> close(CloseCode.GOING_AWAY, "server stopping")));
        if (!raw.isOpen()) {
            transportClosed();
        }
    }

    /**
     * Starts reading, on this thread: first whatever came with the upgrade request (the selector
     * would not report it), then the loop reads on. Call once, after the session's onOpen.
     */
    public void start() {
        readNow();
    }

    // ---------------------------------------------------------------- reading

    /**
     * The reader: on the server the selector loop's readable callback, so a message costs no
     * hand-off to read it and no change of the socket's read interest (the loop reads until the
     * socket is empty, and the interest stays on). It only reads and parses without waiting;
     * what it finds waits in the inbox for a worker, handed off once per batch.
     */
    private void readNow() {
        if (!moveRead(ReadState.ARMED, ReadState.READING)) {
            return; // the callback of a connection that ended meanwhile
        }
        ByteBuffer buf = WsThreads.readBuffer();
        if (pendingInput != null) {
            buf.put(pendingInput);
            pendingInput = null;
        }
        try {
            readState = readSome(buf);
        } finally {
            inbox.handOff();
        }
        if (readState == ReadState.ARMED) {
            raw.whenReadable(readLater);
        } else if (readState == ReadState.PAUSED) {
            maybeResume(); // the worker may have made room before it could see the pause
        }
    }

    /** Reads and parses; the state reading moves to. */
    private ReadState readSome(ByteBuffer buf) {
        try {
            for (int reads = 1;; reads++) {
                int room = buf.remaining();
                int n = raw.read(buf);
                if (n < 0) {
                    inbox.add(Inbox.Kind.END, null, true, 0);
                    return ReadState.ENDED;
                }
                if (n > 0) {
                    lastActivity = System.nanoTime();
                }
                buf.flip();
                parser.parse(buf);
                if (inbox.ended()) {
                    return ReadState.ENDED;
                }
                keepUnparsed(buf);
                if (inbox.full() || outbox.queuedBytes() > settings.maxQueuedBytes()) {
                    return ReadState.PAUSED;
                }
                // a read that did not fill the buffer emptied the socket: no second read to learn that;
                // after a few full ones the loop serves other connections first (the interest stays on)
                if (n < room || reads == READS_PER_CALLBACK) {
                    return ReadState.ARMED;
                }
                buf.clear();
                if (pendingInput != null) {
                    buf.put(pendingInput);
                    pendingInput = null;
                }
            }
        } catch (WsProtocolException e) {
            inbox.add(Inbox.Kind.REFUSE, e.getMessage(), true, e.closeCode());
        } catch (IOException e) {
            inbox.add(Inbox.Kind.END, null, true, 0);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "websocket connection failed", e);
            inbox.add(Inbox.Kind.REFUSE, e, true, CloseCode.INTERNAL_ERROR); // the session's onError hears it
        }
        return ReadState.ENDED;
    }

    private void keepUnparsed(ByteBuffer buf) {
        if (buf.hasRemaining()) {
            pendingInput = new byte[buf.remaining()];
            buf.get(pendingInput);
        }
    }

    /** Any thread, after the inbox or the outbox shrank: reading resumes if it paused and there is room now. */
    private void maybeResume() {
        if (readState == ReadState.PAUSED && !inbox.full() && outbox.queuedBytes() <= settings.maxQueuedBytes()
                && moveRead(ReadState.PAUSED, ReadState.ARMED)) {
            raw.whenReadable(readLater);
        }
    }

    /** The one place reading changes state: from {@code expected} to {@code next}, or not at all. */
    private boolean moveRead(ReadState expected, ReadState next) {
        return READ_STATE.compareAndSet(this, expected, next);
    }

    // ---------------------------------------------------------------- messages in

    /** Reader side: what the parser found goes to the inbox, for a worker. */
    @Override
    public boolean partialText() {
        return events.partialText();
    }

    @Override
    public boolean partialBinary() {
        return events.partialBinary();
    }

    @Override
    public void text(String text, boolean last) {
        inbox.add(Inbox.Kind.TEXT, text, last, 0);
    }

    @Override
    public void binary(ByteBuffer data, boolean last) {
        inbox.add(Inbox.Kind.BINARY, data, last, 0);
    }

    @Override
    public void ping(ByteBuffer payload) {
        inbox.add(Inbox.Kind.PING, payload, true, 0);
    }

    @Override
    public void pong(ByteBuffer payload) {
        inbox.add(Inbox.Kind.PONG, payload, true, 0);
    }

    @Override
    public void closeFrame(int code, String reason) {
        inbox.add(Inbox.Kind.CLOSE, reason, true, code);
    }

    /** Worker side: one item of the inbox, in order. */
    private void deliver(Inbox.Kind kind, Object payload, boolean last, int code) {
        try {
            switch (kind) {
                case TEXT -> {
                    if (state == CloseState.OPEN) {
                        events.text((String) payload, last);
                    }
                }
                case BINARY -> {
                    if (state == CloseState.OPEN) {
                        events.binary((ByteBuffer) payload, last);
                    }
                }
                case PING -> {
                    if (state == CloseState.OPEN) {
                        sendControl(Opcode.PONG, (ByteBuffer) payload, null);
                    }
                }
                case PONG -> events.pong((ByteBuffer) payload);
                case CLOSE -> clientClosed(code, (String) payload);
                case REFUSE -> {
                    if (payload instanceof Throwable t) {
                        events.failed(t);
                        refuse(code, "internal error");
                    } else {
                        refuse(code, (String) payload);
                    }
                }
                case END -> transportEnded();
            }
        } catch (WsProtocolException e) {
            refuse(e.closeCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "websocket connection failed", e);
            events.failed(e);
            close(CloseCode.INTERNAL_ERROR, "internal error");
        }
    }

    /** The client's close: answered with the same code (RFC 6455 section 5.5.1) unless we sent ours first. */
    private void clientClosed(int code, String reason) {
        CloseState was;
        synchronized (this) {
            was = state;
            moveTo(CloseState.CLOSED);
        }
        if (was == CloseState.OPEN) {
            ByteBuffer answer = code == CloseCode.NO_STATUS ? ByteBuffer.allocate(0) : closePayload(code, "");
            sendControl(Opcode.CLOSE, answer, t -> raw.close());
            events.closed(code, reason);
        } else if (was == CloseState.CLOSE_SENT) {
            cancelCloseTimer();
            raw.close();
        }
    }

    // ---------------------------------------------------------------- messages out

    /** Sends a data frame; {@code done} hears when it left (null) or why not. */
    public void sendData(int opcode, boolean fin, ByteBuffer payload, Consumer<Throwable> done) {
        if (!state.canSend()) {
            done.accept(new IOException("the WebSocket session is closed"));
            return;
        }
        lastActivity = System.nanoTime();
        boolean compress = deflate != null && opcode != Opcode.CONTINUATION && fin;
        ByteBuffer body = compress ? ByteBuffer.wrap(PerMessageDeflate.deflate(payload)) : payload;
        outbox.send(frame(fin, compress, opcode, body, done));
    }

    /** Pings and pongs of the application (payload at most 125 bytes, checked by the caller). */
    public void sendControl(int opcode, ByteBuffer payload, Consumer<Throwable> done) {
        outbox.send(frame(true, false, opcode, payload, done == null ? t -> { } : done));
    }

    private Outbox.Frame frame(boolean fin, boolean rsv1, int opcode, ByteBuffer payload, Consumer<Throwable> done) {
        if (client) {
            return maskedFrame(fin, rsv1, opcode, payload, done);
        }
        byte[] h = new byte[FrameWriter.MAX_HEADER];
        int n = FrameWriter.header(h, 0, fin, rsv1, opcode, payload.remaining());
        return new Outbox.Frame(new ByteBuffer[] {ByteBuffer.wrap(h, 0, n), payload}, done);
    }

    /** A client's frame: masked with a fresh unpredictable key (RFC 6455 section 5.3). */
    private static Outbox.Frame maskedFrame(boolean fin, boolean rsv1, int opcode, ByteBuffer payload, Consumer<Throwable> done) {
        byte[] mask = new byte[4];
        MASKS.nextBytes(mask);
        byte[] h = new byte[FrameWriter.MAX_MASKED_HEADER];
        int n = FrameWriter.maskedHeader(h, 0, fin, rsv1, opcode, payload.remaining(), mask);
        return new Outbox.Frame(new ByteBuffer[] {ByteBuffer.wrap(h, 0, n), Masking.masked(payload, mask)}, done);
    }

    // ---------------------------------------------------------------- closing

    /**
     * Starts the close handshake from our side: sends the close frame, tells the session, and
     * closes the socket once the client answers or {@code closeTimeoutMillis} has passed.
     */
    public void close(int code, String reason) {
        close(code, reason, code);
    }

    /**
     * The same, with a different code for the session than the one on the wire: an idle timeout
     * sends 1001 to the client but reports 1006 locally (Jakarta WebSocket 2.2 section 2.1.5: a
     * close the local container initiates is not a close the peer sent).
     */
    public void close(int code, String reason, int localCode) {
        synchronized (this) {
            if (state != CloseState.OPEN) {
                return;
            }
            moveTo(CloseState.CLOSE_SENT);
        }
        sendControl(Opcode.CLOSE, closePayload(code, reason), null);
        closeTimer = WsThreads.timers().schedule(raw::close, settings.closeTimeoutMillis(), TimeUnit.MILLISECONDS);
        events.closed(localCode, reason); // the client's close arrives through the reader, which reads on
    }

    /**
     * A protocol error ("fail the WebSocket connection", RFC 6455 section 7.1.7): the close frame
     * names it, then the socket is closed at once (what the client sent meanwhile may not even
     * parse). Input already here is read first, so the close is a FIN, not a reset that could
     * destroy the close frame before the client reads it.
     */
    private void refuse(int code, String reason) {
        LOG.log(System.Logger.Level.DEBUG, "closing websocket connection with {0}: {1}", code, reason);
        synchronized (this) {
            if (state == CloseState.CLOSED) {
                return;
            }
            moveTo(CloseState.CLOSED);
        }
        pendingInput = null;
        sendControl(Opcode.CLOSE, closePayload(code, reason), t -> {
            drainNow();
            raw.close();
        });
        events.closed(code, reason);
    }

    private void drainNow() {
        ByteBuffer scratch = WsThreads.readBuffer();
        try {
            for (int i = 0; i < 8 && raw.read(scratch) > 0; i++) {
                scratch.clear();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void transportEnded() {
        raw.close();
    }

    /** The socket closed (either side, or the server stopped): the session hears 1006 unless a close was exchanged. */
    private void transportClosed() {
        CloseState was;
        synchronized (this) {
            was = state;
            moveTo(CloseState.CLOSED);
        }
        cancelCloseTimer();
        outbox.fail(new IOException("connection closed"));
        if (deflate != null) {
            synchronized (this) {
                deflate.end();
            }
        }
        if (was == CloseState.OPEN) {
            events.closed(CloseCode.ABNORMAL, "connection ended without a close frame");
        }
    }

    private void cancelCloseTimer() {
        ScheduledFuture<?> t = closeTimer;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** The reason is cut to fit the 123 bytes a control frame leaves for it. */
    static ByteBuffer closePayload(int code, String reason) {
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(r.length, 123);
        while (n < r.length && n > 0 && (r[n] & 0xC0) == 0x80) {
            n--; // not inside a character
        }
        ByteBuffer b = ByteBuffer.allocate(2 + n);
        b.putShort((short) code).put(r, 0, n).flip();
        return b;
    }

    /** The one place the close state changes. */
    private void moveTo(CloseState next) {
        state = next;
    }

    public boolean isOpen() {
        return state == CloseState.OPEN;
    }

    /** The largest whole text and binary messages from now on (excess: 1009). */
    public void limits(long text, long binary) {
        assembler.limits(text, binary);
    }

    public long lastActivityNanos() {
        return lastActivity;
    }

    public boolean isSecure() {
        return false;
    }

    @Override
    public String toString() {
        return "websocket " + state + (pendingInput != null ? " " + pendingInput.length + " bytes pending" : "")
                + " read " + readState + " " + parser + " " + inbox + " " + outbox;
    }
}
