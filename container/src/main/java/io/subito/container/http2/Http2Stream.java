package io.subito.container.http2;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Map;

/**
 * One HTTP/2 stream carrying one request, between the connection's loop (which owns the
 * {@link StreamState}, the flow-control windows and every frame) and the thread running the
 * request's handler. They meet in two {@link ByteRing}s, request body in and response body out,
 * and in a few volatile flags; the handler's thread never writes to the socket: it tells the
 * {@link Http2Session} that the stream has something ({@link Http2Session#signal}) and the loop
 * frames it, with every other stream's output of the same round, into one write. A handler whose
 * stream has no window left parks on its own ring, not on the connection.
 */
public final class Http2Stream implements ExchangeStream {
    private static final java.lang.invoke.VarHandle QUEUED;
    private static final java.lang.invoke.VarHandle CONSUMED;

    static {
        try {
            var l = java.lang.invoke.MethodHandles.lookup();
            QUEUED = l.findVarHandle(Http2Stream.class, "queued", int.class);
            CONSUMED = l.findVarHandle(Http2Stream.class, "consumed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // set again when the object is reused for another stream (see reuse)
    int id;
    private Http2Session session;
    private long ioTimeoutNanos;

    // ---- loop only
    StreamState state = StreamState.IDLE;
    /** What the client may still send before our next WINDOW_UPDATE. */
    int recvWindow;
    /** What we may still send (the client's window for this stream). */
    long sendWindow;
    long declaredLength = -1;
    long receivedLength;
    boolean headSent;
    boolean endSent;
    /** When the loop last sent this stream's DATA (or opened it): a response that waits too long for window is reset. */
    long lastProgress;
    /** The handler has returned (or its async exchange completed) and its exchange went back. */
    boolean handlerDone;

    /** The next stream in the session's stack of signalled streams (see {@link Http2Session#signal}). */
    Http2Stream nextReady;

    // ---- between the threads
    final ByteRing in;
    final ByteRing out;
    volatile boolean inEnded;
    volatile Map<String, String> trailersIn = Map.of();
    /** Reset by either side: reads and writes fail from now on. */
    volatile boolean reset;
    /** The handler asks for a reset (it failed after committing). */
    volatile boolean abortRequested;
    /** Body bytes the handler read since the last WINDOW_UPDATE the loop sent for them. */
    @SuppressWarnings("unused") private int consumed;
    @SuppressWarnings("unused") private int queued;
    private volatile Runnable readable;
    private volatile Runnable writable;
    private volatile boolean nonBlocking;
    /** Non-blocking writes the ring had no room for: {@code overflow[overflowStart, overflowStart + overflowLength)}. */
    private byte[] overflow;
    private int overflowStart;
    private int overflowLength;

    // ---- the response head, copied at commit by the handler's thread, published by headReady
    int status;
    String[] names = new String[12];
    String[] values = new String[12];
    int headerCount;
    /** The content-length to send; -1 when not known at commit. */
    long contentLength = -1;
    volatile boolean headReady;
    /** The handler asked for the request body of an {@code expect: 100-continue} request; the loop sends 100 once. */
    volatile boolean continueWanted;
    boolean continueSent;
    volatile boolean outEnded;
    Map<String, String> trailersOut;
    boolean bodyless;
    private boolean headRequest;
    /** The layer above's per-stream object (the task running it); kept when the object is reused, with it. */
    public Object attachment;
    /** Runs when an async exchange on this stream completes. */
    public Runnable asyncCompletion;
    /**
     * Set while the stream runs in a batch with others (by the layer above, on the handler's
     * thread): its signals do not wake the loop (the batch's end does, once for all), and this
     * runs once before the handler waits or flushes, so that the others never wait behind it.
     */
    public volatile Runnable beforeWait;

    Http2Stream(int id, Http2Session session, int recvWindow, long sendWindow, int outCapacity, boolean headRequest,
            long ioTimeoutMillis) {
        this.id = id;
        this.session = session;
        this.recvWindow = recvWindow;
        this.sendWindow = sendWindow;
        SessionIo lender = session == null ? null : session.io;
        this.in = new ByteRing(recvWindow, lender);
        this.out = new ByteRing(outCapacity, lender);
        this.headRequest = headRequest;
        this.ioTimeoutNanos = ioTimeoutMillis * 1_000_000L;
    }

    public int id() {
        return id;
    }

    /**
     * Loop side: this object, done with ({@link #retire}), serves a new stream of a connection
     * of the same loop, as if new; false when its rings' sizes do not fit (then a new object is
     * made). The {@link #attachment} stays: the layer above reuses its per-stream object too.
     */
    boolean reuse(int newId, Http2Session newSession, int newRecvWindow, long newSendWindow, int outCapacity,
            boolean newHeadRequest, long ioTimeoutMillis) {
        if (in.capacity() != newRecvWindow || out.capacity() != outCapacity) {
            return false;
        }
        id = newId;
        session = newSession;
        ioTimeoutNanos = ioTimeoutMillis * 1_000_000L;
        state = StreamState.IDLE;
        recvWindow = newRecvWindow;
        sendWindow = newSendWindow;
        declaredLength = -1;
        receivedLength = 0;
        headSent = false;
        endSent = false;
        lastProgress = 0;
        handlerDone = false;
        in.reset(newSession.io);
        out.reset(newSession.io);
        inEnded = false;
        trailersIn = Map.of();
        reset = false;
        abortRequested = false;
        CONSUMED.setVolatile(this, 0);
        nonBlocking = false;
        status = 0;
        contentLength = -1;
        headReady = false;
        continueWanted = false;
        continueSent = false;
        outEnded = false;
        bodyless = false;
        headRequest = newHeadRequest;
        return true;
    }

    /**
     * Loop side: the stream is done (its handler returned, both sides closed, its rings given
     * back); what it refers to is dropped so that a pooled object keeps no request's data nor its
     * connection. False if it still waits in its session's queue of signalled streams (then it is
     * not reused).
     */
    boolean retire() {
        if ((int) QUEUED.getVolatile(this) != 0 || nextReady != null) {
            return false;
        }
        java.util.Arrays.fill(names, 0, headerCount, null);
        java.util.Arrays.fill(values, 0, headerCount, null);
        headerCount = 0;
        trailersIn = Map.of();
        trailersOut = null;
        readable = null;
        writable = null;
        beforeWait = null;
        overflow = null;
        overflowStart = 0;
        overflowLength = 0;
        session = null;
        in.reset(null);
        out.reset(null);
        return true;
    }

    // ---------------------------------------------------------------- request body (handler's thread)

    @Override
    public int readBody(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long deadline = System.nanoTime() + ioTimeoutNanos;
        while (true) {
            int n = in.read(dst, off, len);
            if (n > 0) {
                int c = (int) CONSUMED.getAndAdd(this, n) + n;
                if (c >= in.capacity() / 2 || inEnded) {
                    session.signal(this); // the loop sends WINDOW_UPDATE for what was read
                }
                return n;
            }
            if (inEnded) {
                if (in.available() == 0) {
                    return -1;
                }
                continue;
            }
            if (reset) {
                throw new IOException("stream " + id + " was reset before the end of the request body");
            }
            in.prepareWait();
            if (in.available() > 0 || inEnded || reset) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("client sent no body bytes on stream " + id + " for " + ioTimeoutNanos / 1_000_000 + " ms");
            }
            leaveBatch();
            in.await(left);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted while reading the body of stream " + id);
            }
        }
    }

    /** Loop side: the bytes read since the last WINDOW_UPDATE, now to be granted again. */
    int takeConsumed() {
        return (int) CONSUMED.getAndSet(this, 0);
    }

    @Override
    public int availableBody() {
        return in.available();
    }

    @Override
    public boolean bodyFinished() {
        return inEnded && in.available() == 0;
    }

    @Override
    public boolean bodyReadyNow() {
        return in.available() > 0 || inEnded || reset;
    }

    @Override
    public void whenBodyReadable(Runnable r) {
        readable = r;
        if (bodyReadyNow()) {
            fireReadable();
        }
    }

    /** Either thread: runs a registered read callback once. */
    void fireReadable() {
        Runnable r = readable;
        if (r != null) {
            readable = null;
            session.runCallback(r);
        }
    }

    void fireWritable() {
        Runnable r = writable;
        if (r != null) {
            writable = null;
            session.runCallback(r);
        }
    }

    @Override
    public Map<String, String> trailers() {
        return bodyFinished() ? trailersIn : Map.of();
    }

    @Override
    public void sendContinue() {
        if (!headReady) {
            continueWanted = true;
            session.signal(this);
        }
    }

    // ---------------------------------------------------------------- response (handler's thread)

    @Override
    public boolean sendsBody() {
        return !bodyless && !headRequest;
    }

    @Override
    public void commitHead(ResponseHead r, boolean complete, long total) throws IOException {
        failIfReset();
        int st = r.status();
        status = st;
        bodyless = st < 200 || st == 204 || st == 304;
        int n = r.headerCount();
        if (n > names.length) {
            names = new String[n];
            values = new String[n];
        }
        for (int i = 0; i < n; i++) {
            names[i] = r.headerName(i);
            values[i] = r.headerValue(i);
        }
        headerCount = n;
        long declared = r.contentLength();
        contentLength = bodyless ? -1 : complete ? (declared >= 0 ? declared : total) : declared;
        headReady = true;
        session.signal(this);
    }

    @Override
    public void writeBody(byte[] b, int off, int len) throws IOException {
        if (nonBlocking) {
            writeWithoutWaiting(b, off, len);
            return;
        }
        long deadline = System.nanoTime() + ioTimeoutNanos;
        while (len > 0) {
            failIfReset();
            int n = out.write(b, off, len);
            if (n > 0) {
                off += n;
                len -= n;
                session.signal(this);
                continue;
            }
            out.prepareWait();
            if (out.free() > 0 || reset) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("client granted no window on stream " + id + " for " + ioTimeoutNanos / 1_000_000 + " ms");
            }
            leaveBatch();
            out.await(left);
        }
    }

    /**
     * Non-blocking output (a WriteListener): what does not fit the ring waits in an overflow array
     * of the stream's own, and {@link #outputReadyNow} is false until the ring took it all. The
     * handler's thread owns the overflow until the body ends; then the loop moves the rest.
     */
    private void writeWithoutWaiting(byte[] b, int off, int len) throws IOException {
        failIfReset();
        pushOverflow();
        if (overflowLength == 0) {
            int n = out.write(b, off, len);
            off += n;
            len -= n;
        }
        if (len > 0) {
            if (overflow == null || overflow.length - overflowLength < len) {
                byte[] bigger = new byte[Math.max(overflowLength + len, overflow == null ? 8192 : overflow.length * 2)];
                if (overflowLength > 0) {
                    System.arraycopy(overflow, overflowStart, bigger, 0, overflowLength);
                }
                overflow = bigger;
                overflowStart = 0;
            } else if (overflowStart + overflowLength + len > overflow.length) {
                System.arraycopy(overflow, overflowStart, overflow, 0, overflowLength);
                overflowStart = 0;
            }
            System.arraycopy(b, off, overflow, overflowStart + overflowLength, len);
            overflowLength += len;
        }
        session.signal(this);
    }

    /** Moves what it can of the overflow into the ring (the handler's thread, or the loop once the body ended). */
    int pushOverflow() {
        int n = 0;
        if (overflowLength > 0) {
            n = out.write(overflow, overflowStart, overflowLength);
            overflowStart += n;
            overflowLength -= n;
            if (overflowLength == 0) {
                overflow = null; // a stream keeps no array once it caught up
                overflowStart = 0;
            }
        }
        return n;
    }

    /** Whether response bytes wait in the ring or behind it. */
    boolean hasPendingOutput() {
        return out.available() > 0 || overflowLength > 0;
    }

    /** Loop side, after the body ended: whether bytes still wait behind the ring. */
    boolean hasOverflow() {
        return overflowLength > 0;
    }

    @Override
    public void flush() throws IOException {
        failIfReset();
        session.signal(this);
        leaveBatch(); // what is flushed leaves now, not at the batch's end
    }

    /** Handler's thread, before it waits or flushes: see {@link #beforeWait}. */
    private void leaveBatch() {
        Runnable r = beforeWait;
        if (r != null) {
            beforeWait = null;
            r.run();
        }
    }

    @Override
    public void endBody(Map<String, String> trailers) throws IOException {
        trailersOut = trailers == null || trailers.isEmpty() ? null : trailers;
        outEnded = true;
        session.signal(this);
    }

    @Override
    public void abort() {
        abortRequested = true;
        session.signal(this);
    }

    @Override
    public void nonBlockingOutput() {
        nonBlocking = true;
    }

    @Override
    public boolean outputReadyNow() {
        if (reset) {
            return true;
        }
        if (pushOverflow() > 0) {
            session.signal(this);
        }
        return overflowLength == 0 && out.free() > 0;
    }

    @Override
    public void whenWritable(Runnable r) {
        writable = r;
        if (outputReadyNow()) {
            fireWritable();
        }
    }

    @Override
    public void asyncCompleted() {
        Runnable r = asyncCompletion;
        if (r != null) {
            r.run();
        }
    }

    private void failIfReset() throws IOException {
        if (reset) {
            throw new IOException("stream " + id + " was reset");
        }
    }

    /** Whether the handler's output is all framed: head, body and end. */
    boolean outputDone() {
        return endSent;
    }

    boolean markQueued() {
        return QUEUED.compareAndSet(this, 0, 1);
    }

    void unmarkQueued() {
        QUEUED.setVolatile(this, 0);
    }

    /** Loop side: the stream is reset (by the client, or by us): both sides' waits end. */
    void resetNow() {
        reset = true;
        state = state.next(StreamState.Event.RESET);
        in.wake();
        out.wake();
        fireReadable();
        fireWritable();
    }

    boolean isNonBlocking() {
        return nonBlocking;
    }

    @Override
    public String toString() {
        return "stream " + id + " " + state + ", in " + in + (inEnded ? " (ended)" : "") + ", out " + out
                + (outEnded ? " (ended)" : "") + ", send window " + sendWindow + (reset ? ", reset" : "");
    }
}
