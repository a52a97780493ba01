package io.subito.container;

import io.subito.container.http2.FrameWriter;
import io.subito.container.http2.Http2Session;
import io.subito.container.http2.Http2Stream;
import io.subito.container.http2.SessionIo;
import java.io.IOException;
import java.nio.channels.SelectionKey;

/**
 * An HTTP/2 connection's protocol handler in the engine: the {@link Http2Session} (frames, streams,
 * flow control) over the connection's {@link Transport} and {@link InputWindow}, on the
 * connection's loop. Input is read into the pooled input window and handed to the session
 * (whose parser copies nothing); everything the session framed in a loop round, for any number
 * of streams, leaves in one write. Each stream becomes a pooled {@link HttpExchange} handed to
 * the server's {@link HttpHandler} on a worker ({@link StreamTask}), as HTTP/1.1 requests are.
 * An idle HTTP/2 connection holds no input array, as an idle HTTP/1.1 one.
 */
final class Http2Link implements SessionIo {
    final Connection c;
    final Http2Session session;
    private final Transport transport;
    private final InputWindow input;
    private final Runnable flushTask = this::flushNow;
    /** Handlers finished, to be given back on the loop ({@link #returnFinished}, made once). */
    private final FinishedTasks finished = new FinishedTasks();
    private final Runnable returnTask = this::returnFinished;
    /** Whether streams run in batches (on a worker pool or virtual threads; execution=inline runs each on the loop). */
    private final boolean batches;
    /** The batch taking the streams of the current read; null between reads. */
    private StreamBatch filling;
    /** This connection's batches, reused once their workers have left; made with the first. */
    private StreamBatch[] batchPool;
    private final RingArrays ringArrays;
    private boolean closeAfterWrite;
    private boolean stopSent;
    private long requests;

    Http2Link(Connection c) {
        this.c = c;
        this.transport = c.transport;
        this.input = c.input;
        this.ringArrays = c.loop.ringArrays(c.config);
        this.batches = !c.server.runsInline();
        this.session = new Http2Session(this, c.config.http2Limits());
        session.dateSource(DateCache::value);
    }

    /** Loop side: the server's preface goes out, then what the client already sent (in the input window) is read. */
    void start() {
        session.start();
        if (input.isHeld() && input.hasUnread()) {
            consumeInput();
        }
        afterRound();
    }

    /** Loop side, after an h2c upgrade: the 101, the server's preface, stream 1, then what followed the request's body. */
    void startUpgraded(byte[] settings, byte[] streamHead, boolean headRequest, int bodyStart, int bodyLength) {
        session.output().raw(io.subito.container.http2.H2cUpgrade.SWITCHING);
        session.start();
        try {
            session.upgrade(settings, streamHead, headRequest, input.buffer(), bodyStart, bodyLength);
        } catch (io.subito.container.http2.Http2Exception e) {
            session.connectionError(e);
        }
        input.advance(bodyStart + bodyLength - input.position());
        consumeInput();
        afterRound();
    }

    /** Loop side: the socket is readable. */
    void onReadable() {
        if (!input.isHeld()) {
            input.take(c.loop.buffers().acquire());
        } else if (input.isFull()) {
            input.compact();
        }
        int n;
        try {
            n = input.readNow();
        } catch (IOException e) {
            c.close();
            return;
        }
        if (n < 0) {
            c.close();
            return;
        }
        consumeInput();
        afterRound();
    }

    private void consumeInput() {
        int pos = input.position();
        int at = session.onInput(input.buffer(), pos, input.limit());
        input.advance(at - pos);
        StreamBatch b = filling;
        if (b != null) {
            filling = null;
            b.dispatch(); // the streams this read made ready: one hand-off for all
        }
        if (!input.hasUnread()) {
            c.loop.buffers().release(input.giveBack()); // an idle HTTP/2 connection holds no input array
        } else if (input.room() < 64) {
            input.compact();
        }
    }

    /** Loop side: the socket has room again. */
    void onWritable() {
        writeOut();
    }

    private void flushNow() {
        if (c.state() == ConnectionState.HTTP2) {
            afterRound();
        }
    }

    private void afterRound() {
        session.flush();
        writeOut();
    }

    /** The round's frames in one write; what the socket does not take waits for OP_WRITE. */
    private void writeOut() {
        FrameWriter w = session.output();
        try {
            if (!w.isEmpty()) {
                transport.write(w.pending(), 0, 1);
                w.consumed();
                c.lastActive = c.loop.now();
            } else if (transport.hasPendingOutput()) {
                transport.write(new java.nio.ByteBuffer[0], 0, 0);
            }
        } catch (IOException e) {
            c.close();
            return;
        }
        boolean pending = !w.isEmpty() || transport.hasPendingOutput();
        if (closeAfterWrite && !pending) {
            c.shutdownAndLinger();
            return;
        }
        if (transport.isRegistered()) {
            transport.interest(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    // ---------------------------------------------------------------- SessionIo

    @Override
    public void startStream(Http2Stream s, byte[] head) {
        // a stream object reused from the loop's pool brings its task along (Http2Stream#reuse keeps the attachment)
        StreamTask task = s.attachment instanceof StreamTask t ? t : new StreamTask();
        task.begin(this, s, ++requests, head);
        s.attachment = task;
        s.asyncCompletion = task.finishAsync;
        if (batches && s.bodyFinished()) {
            roundBatch().add(task); // the batch's worker parses the head into its own exchange
        } else {
            task.bind(c.loop.exchanges().acquire());
            c.server.executeStream(task, c.loop, s.bodyFinished()); // a body still arriving: a handler of its own
        }
    }

    /** Loop side: an exchange of the loop's pool for a batch's first worker. */
    HttpExchange pooledExchange() {
        return c.loop.exchanges().acquire();
    }

    /** Any thread: an exchange for a batch's worker that has none (its async request kept the last), made new. */
    HttpExchange newExchange() {
        return new HttpExchange(c.config, c.loop.stats());
    }

    /** Loop side: the batch of the current read, a free one of this connection's or a new one. */
    private StreamBatch roundBatch() {
        StreamBatch b = filling;
        if (b != null) {
            return b;
        }
        if (batchPool == null) {
            batchPool = new StreamBatch[2];
        }
        int i = 0;
        for (; i < batchPool.length && batchPool[i] != null; i++) {
            if (batchPool[i].isFree()) {
                b = batchPool[i];
                b.clear();
                return filling = b;
            }
        }
        if (i == batchPool.length) {
            batchPool = java.util.Arrays.copyOf(batchPool, i * 2);
        }
        return filling = batchPool[i] = new StreamBatch(this);
    }

    /** Loop side, from the stall scan: batches whose current handler runs long hand their other streams on. */
    void splitStalled() {
        if (batchPool != null) {
            for (StreamBatch b : batchPool) {
                if (b == null) {
                    continue;
                }
                if (b.isFree()) {
                    HttpExchange spare = b.takeSpare(); // left after the last return: an idle connection holds no exchange
                    if (spare != null) {
                        c.loop.exchanges().release(spare);
                    }
                } else {
                    b.splitIfStalled();
                }
            }
        }
    }

    /** Any thread: the stream's handler is done; its exchange goes back to the loop's pool there (a batch's all at once, as it ends). */
    void handlerFinished(StreamTask task, boolean batched) {
        finished.push(task);
        if (!batched) {
            wakeForReturns();
        }
    }

    /** A worker leaves a batch: the loop frames what its streams produced and takes their exchanges back. */
    void batchLeft() {
        wakeForReturns();
    }

    /** Any thread: the loop gives the finished handlers' exchanges back and frames what the streams signalled. */
    void wakeForReturns() {
        if (finished.wakeNeeded()) {
            c.loop.execute(returnTask);
        }
    }

    /** Loop side: every finished handler's exchange goes back, then one round of framing and one write. */
    private void returnFinished() {
        finished.woken();
        if (c.state() == ConnectionState.HTTP2) {
            session.flush(); // first the responses: the last handler back may end a connection after GOAWAY
        }
        StreamTask t = finished.takeAll();
        while (t != null) {
            StreamTask next = t.nextFinished;
            t.nextFinished = null;
            returned(t);
            t = next;
        }
        if (batchPool != null) {
            for (StreamBatch b : batchPool) {
                if (b != null && b.isFree()) {
                    b.clear(); // its tasks may serve other streams now
                    HttpExchange spare = b.takeSpare(); // back to the loop's pool: an idle connection holds no exchange
                    if (spare != null) {
                        c.loop.exchanges().release(spare);
                    }
                }
            }
        }
        if (c.state() == ConnectionState.HTTP2) {
            afterRound();
        }
    }

    /** Loop side: the exchange goes back to the loop's pool, the stream is told (and may go back to the loop's pool too). */
    private void returned(StreamTask task) {
        HttpExchange ex = task.exchange;
        if (ex != null) { // a batch's worker kept its exchange for the batch's next stream
            task.exchange = null;
            ex.head.recycle();
            ex.bind(null);
            c.loop.exchanges().release(ex);
        }
        session.handlerDone(task.stream);
    }

    @Override
    public void wakeLoop() {
        c.loop.execute(flushTask);
    }

    @Override
    public void runOnLoop(Runnable r) {
        c.handBack(r);
    }

    @Override
    public long now() {
        return c.loop.now();
    }

    @Override
    public void closeAfterWrite() {
        closeAfterWrite = true;
    }

    @Override
    public java.nio.ByteBuffer borrowBuffer() {
        return c.loop.buffers().acquire();
    }

    @Override
    public void giveBackBuffer(java.nio.ByteBuffer b) {
        c.loop.buffers().release(b);
    }

    @Override
    public Http2Stream reusedStream() {
        return c.loop.http2Streams().pollFirst();
    }

    @Override
    public void streamDone(Http2Stream s) {
        java.util.ArrayDeque<Http2Stream> free = c.loop.http2Streams();
        if (free.size() < EventLoop.POOLED_HTTP2_STREAMS) {
            free.addFirst(s);
        }
    }

    @Override
    public byte[] ringArray(int size) {
        return ringArrays.take(size);
    }

    @Override
    public void ringArrayBack(byte[] a) {
        ringArrays.give(a);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Loop side, once a second: an HTTP/2 connection without streams closes after the keep-alive time. */
    void reap(long now) {
        if (session.resetStalled(now)) {
            afterRound();
        }
        if (session.isIdle() && now - c.lastActive > c.config.keepAliveTimeoutMillis()) {
            session.stop(); // GOAWAY NO_ERROR, then the close
            afterRound();
        }
    }

    /** Loop side, on a graceful stop: GOAWAY once; the streams in flight finish, then the connection closes. */
    void stop() {
        if (!stopSent) {
            stopSent = true;
            session.stop();
            afterRound();
        }
    }

    /** Loop side: the connection closed. */
    void closed() {
        session.closed();
        session.output().release();
        if (input.isHeld()) {
            c.loop.buffers().release(input.giveBack());
        }
    }

    String describe() {
        return session.toString();
    }
}
