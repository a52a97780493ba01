package io.subito.container;

import io.subito.container.guard.Guard;
import io.subito.container.http.HttpParseException;
import io.subito.container.http.MalformedBodyException;
import io.subito.container.http2.Http2Stream;

/**
 * One HTTP/2 stream's request run by the server's handler, on a worker: the same exchange, the
 * same handler and the same error handling as an HTTP/1.1 request in a batch. The streams one
 * read made ready run in a {@link StreamBatch}; a stream whose body is still arriving runs alone. When the handler returns (or its async exchange
 * completes) the response is finished into the stream and the exchange goes back to the loop.
 */
final class StreamTask implements Runnable {
    /** Made once per task: the stream's {@code asyncCompletion}. */
    final Runnable finishAsync = () -> finish();
    // set by begin: a task is reused with its stream object (see Http2Stream#reuse)
    private Http2Link link;
    HttpExchange exchange;
    Http2Stream stream;
    private long number;
    /** The request head as the bytes of an HTTP/1.1 head, until it is parsed into the exchange ({@link #bind}). */
    private byte[] head;
    /** A status the engine answers itself (the head broke the HTTP/1.1 parser's rules); 0 otherwise. */
    private int refusal;
    private String reason;
    /** Run by a {@link StreamBatch}: its end wakes the loop once for the whole batch, not once per stream. */
    private boolean inBatch;
    /** The next task in the connection's stack of finished tasks ({@link Http2Link#handlerFinished}). */
    StreamTask nextFinished;

    /** Loop side: the task runs {@code stream}'s request, the connection's {@code number}th, whose head is {@code requestHead}. */
    void begin(Http2Link l, Http2Stream s, long n, byte[] requestHead) {
        link = l;
        exchange = null;
        stream = s;
        number = n;
        head = requestHead;
    }

    /**
     * The exchange the request runs in (the loop's, or a batch worker's): the head is parsed into
     * it by the engine's HTTP/1.1 parser, so one set of rules and one {@code RequestHead} serve both
     * protocols; a head that breaks them is answered by the engine ({@link #refusal}).
     */
    void bind(HttpExchange ex) {
        exchange = ex;
        ex.bind(link.c, stream);
        refusal = 0;
        reason = null;
        try {
            ex.parser.begin(0);
            if (ex.parser.parse(head, head.length, ex.head) < 0) {
                refusal = 400;
                reason = "incomplete request";
            }
        } catch (HttpParseException e) {
            refusal = e.status();
            reason = e.getMessage();
        }
        ex.head.markHttp2();
        head = null;
    }

    /**
     * On a worker of a {@link StreamBatch}, in the worker's exchange {@code ex}: the stream's
     * signals wait for the batch's end, or for {@code beforeWait}. Whether {@code ex} is free
     * again for the batch's next stream (false: an async request keeps it).
     */
    boolean runInBatch(Runnable beforeWait, HttpExchange ex) {
        bind(ex);
        inBatch = true;
        stream.beforeWait = beforeWait;
        return runHandler();
    }

    @Override
    public void run() {
        runHandler();
    }

    /** Whether the request finished here (false: async, complete() finishes it on its own thread). */
    private boolean runHandler() {
        exchange.begin(number);
        exchange.body.begin(exchange.head.contentLength(), false, exchange.head.expectsContinue());
        if (refusal != 0) {
            replace(refusal, reason);
        } else {
            try {
                link.c.server.handler().handle(exchange);
            } catch (Throwable t) {
                failed(t);
            }
        }
        if (exchange.asyncTouched()) {
            leaveBatch(); // complete() may finish it on another thread, which must wake the loop itself
            if (exchange.suspendIfAsync()) {
                return false;
            }
        }
        return finish();
    }

    /**
     * Completes the response into the stream. In a batch the worker keeps the exchange for the
     * batch's next stream (whether it did is returned); otherwise it goes back to the loop's pool.
     * Nothing here touches the task after {@link Http2Link#handlerFinished}: the loop may reuse it.
     */
    boolean finish() {
        HttpResponse r = exchange.response;
        try {
            r.body().finish();
        } catch (Throwable t) {
            stream.abort(); // the client reset the stream, or a trailer supplier failed
        }
        r.recycle();
        boolean batched = inBatch;
        leaveBatch();
        if (batched) {
            HttpExchange ex = exchange;
            exchange = null;
            ex.head.recycle();
            ex.bind(null);
        }
        link.handlerFinished(this, batched);
        return batched;
    }

    private void leaveBatch() {
        inBatch = false;
        stream.beforeWait = null;
    }

    private void failed(Throwable t) {
        if (t instanceof MalformedBodyException bad) {
            replace(bad.status(), bad.getMessage());
            return;
        }
        Guard.report("a request handler", exchange.head.method() + " " + exchange.head.rawPath() + " (HTTP/2 stream "
                + stream.id() + ")", t);
        if (exchange.response.committed) {
            exchange.response.abort();
            return;
        }
        replace(500, null);
    }

    private void replace(int status, String detail) {
        HttpResponse r = exchange.response;
        if (r.committed) {
            return;
        }
        r.reset();
        r.status(status);
        if (detail != null) {
            r.setHeader("Content-Type", "text/plain;charset=UTF-8");
            try {
                r.output().write((status + " " + HttpStatus.reason(status) + ": " + detail + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException ignored) {
                // buffered write of a short text cannot fail before commit
            }
        }
    }

    @Override
    public String toString() {
        return "HTTP/2 stream task, " + stream;
    }
}
