package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Async servlets: complete from another thread, dispatch, timeout with listeners, unsupported chains. */
class AsyncTest {
    static Subito server;
    static int port;
    static final List<String> events = new CopyOnWriteArrayList<>();
    static final java.util.concurrent.atomic.AtomicReference<AsyncContext> described = new java.util.concurrent.atomic.AtomicReference<>();
    static final java.util.concurrent.CountDownLatch firstBatchRead = new java.util.concurrent.CountDownLatch(1);

    static AsyncListener recording() {
        return new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent e) {
                events.add("complete");
            }

            @Override
            public void onTimeout(AsyncEvent e) {
                events.add("timeout");
            }

            @Override
            public void onError(AsyncEvent e) {
                events.add("error");
            }

            @Override
            public void onStartAsync(AsyncEvent e) {
                events.add("start");
            }
        };
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/as", ctx -> {
            var complete = ctx.addServlet("complete", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                ac.addListener(recording());
                ac.start(() -> {
                    try {
                        ac.getResponse().getWriter().print("done on " + Thread.currentThread().getName()
                                + " " + req.isAsyncStarted());
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                    ac.complete();
                });
            }));
            complete.setAsyncSupported(true);
            complete.addMapping("/complete");
            var dispatch = ctx.addServlet("dispatch", Servlets.of((req, res) -> {
                if (req.getDispatcherType() == DispatcherType.ASYNC) {
                    res.getWriter().print("async " + req.getServletPath() + " "
                            + req.getAttribute(AsyncContext.ASYNC_REQUEST_URI));
                    return;
                }
                AsyncContext ac = req.startAsync();
                ac.start(() -> ac.dispatch("/dispatch/again"));
            }));
            dispatch.setAsyncSupported(true);
            dispatch.addMapping("/dispatch/*");
            var timeout = ctx.addServlet("timeout", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                ac.setTimeout(200);
                ac.addListener(recording());
            }));
            timeout.setAsyncSupported(true);
            timeout.addMapping("/timeout");
            var handled = ctx.addServlet("handledTimeout", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                ac.setTimeout(200);
                ac.addListener(new AsyncListener() {
                    @Override
                    public void onTimeout(AsyncEvent e) throws IOException {
                        e.getAsyncContext().getResponse().getWriter().print("timed out politely");
                        e.getAsyncContext().complete();
                    }

                    @Override
                    public void onComplete(AsyncEvent e) {
                    }

                    @Override
                    public void onError(AsyncEvent e) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent e) {
                    }
                });
            }));
            handled.setAsyncSupported(true);
            handled.addMapping("/handledTimeout");
            ctx.addServlet("sync", Servlets.of((req, res) -> {
                try {
                    req.startAsync();
                    res.getWriter().print("started?!");
                } catch (IllegalStateException e) {
                    res.getWriter().print("ISE " + req.isAsyncSupported());
                }
            })).addMapping("/sync");
            ctx.addFilter("syncOnly", (req, res, chain) -> chain.doFilter(req, res))
                    .addMappingForUrlPatterns(null, true, "/viaSyncFilter");
            var viaSync = ctx.addServlet("viaSync", Servlets.of((req, res) ->
                    req.getRequestDispatcher("/complete").forward(req, res)));
            viaSync.setAsyncSupported(true);
            viaSync.addMapping("/viaSyncFilter");
            var fails = ctx.addServlet("fails", Servlets.of((req, res) -> {
                req.startAsync().addListener(recording());
                throw new IllegalStateException("after startAsync");
            }));
            fails.setAsyncSupported(true);
            fails.addMapping("/fails");
            var batches = ctx.addServlet("batches", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                ServletInputStream in = req.getInputStream();
                StringBuilder seen = new StringBuilder();
                in.setReadListener(new ReadListener() {
                    @Override
                    public void onDataAvailable() throws IOException {
                        seen.append('[');
                        byte[] b = new byte[64];
                        while (in.isReady() && !in.isFinished()) {
                            int n = in.read(b);
                            if (n < 0) {
                                break;
                            }
                            seen.append(new String(b, 0, n));
                        }
                        seen.append(']');
                        firstBatchRead.countDown();
                    }

                    @Override
                    public void onAllDataRead() throws IOException {
                        ac.getResponse().getWriter().print(seen + "done");
                        ac.complete();
                    }

                    @Override
                    public void onError(Throwable t) {
                        ac.complete();
                    }
                });
            }));
            batches.setAsyncSupported(true);
            batches.addMapping("/batches");
            var read = ctx.addServlet("read", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                ServletInputStream in = req.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                in.setReadListener(new ReadListener() {
                    @Override
                    public void onDataAvailable() throws IOException {
                        byte[] b = new byte[64];
                        int n;
                        while (in.isReady() && (n = in.read(b)) > 0) {
                            got.write(b, 0, n);
                        }
                    }

                    @Override
                    public void onAllDataRead() throws IOException {
                        ac.getResponse().getWriter().print("read " + got);
                        ac.complete();
                    }

                    @Override
                    public void onError(Throwable t) {
                        ac.complete();
                    }
                });
            }));
            read.setAsyncSupported(true);
            read.addMapping("/read");
            var describe = ctx.addServlet("describe", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                described.set(ac);
                res.getWriter().print(ac.toString());
                ac.complete();
            }));
            describe.setAsyncSupported(true);
            describe.addMapping("/describe");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void completeFromAnotherThread() throws Exception {
        events.clear();
        Http.Reply r = Http.get(port, "/as/complete");
        assertTrue(r.body().startsWith("done on subito-async"), r.body());
        assertTrue(r.body().endsWith(" true"), r.body());
        assertEquals(List.of("complete"), events);
    }

    @Test
    void theAsyncContextPrintsTheStateOfTheRequestsAsyncLife() throws Exception {
        String inDispatch = Http.get(port, "/as/describe").body();
        assertTrue(inDispatch.startsWith("AsyncState[STARTED, original request and response"), inDispatch);
        // the response is sent after the state moved to COMPLETED
        assertTrue(described.get().toString().startsWith("AsyncState[COMPLETED"), described.get().toString());
    }

    @Test
    void keepAliveWorksAfterAsync() throws Exception {
        try (Http h = new Http(port)) {
            assertTrue(h.send("GET", "/as/complete", null).body().startsWith("done"));
            assertTrue(h.send("GET", "/as/complete", null).body().startsWith("done"));
        }
    }

    @Test
    void dispatchRunsTheTargetAsAnAsyncDispatch() throws Exception {
        assertEquals("async /dispatch /as/dispatch/first", Http.get(port, "/as/dispatch/first").body());
    }

    @Test
    void unhandledTimeoutBecomes500() throws Exception {
        events.clear();
        Http.Reply r = Http.get(port, "/as/timeout");
        assertEquals(500, r.status());
        assertEquals(List.of("timeout", "complete"), events);
    }

    @Test
    void listenerMayAnswerTheTimeout() throws Exception {
        Http.Reply r = Http.get(port, "/as/handledTimeout");
        assertEquals(200, r.status());
        assertEquals("timed out politely", r.body());
    }

    @Test
    void aNonAsyncFilterEarlierInTheRequestForbidsAsyncAfterAForward() throws Exception {
        Http.Reply r = Http.get(port, "/as/viaSyncFilter");
        assertEquals(500, r.status(), "startAsync must throw: a filter of the chain is not async-capable");
    }

    @Test
    void startAsyncOnANonAsyncServletIsIllegal() throws Exception {
        assertEquals("ISE false", Http.get(port, "/as/sync").body());
    }

    @Test
    void exceptionAfterStartAsyncTellsListenersThenErrorPage() throws Exception {
        events.clear();
        Http.Reply r = Http.get(port, "/as/fails");
        assertEquals(500, r.status());
        assertEquals(List.of("error", "complete"), events);
    }

    @Test
    void readListenerIsCalledPerBatchOfData() throws Exception {
        try (Http h = new Http(port)) {
            h.raw("POST /as/batches HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n");
            // the second batch is sent only once the listener has consumed the first
            assertTrue(firstBatchRead.await(10, java.util.concurrent.TimeUnit.SECONDS));
            h.raw("5\r\nWorld\r\n0\r\n\r\n");
            assertEquals("[Hello][World]done", h.read(false).body());
        }
    }

    @Test
    void readListenerGetsTheBody() throws Exception {
        assertEquals("read hello body", Http.post(port, "/as/read", "hello body").body());
    }
}
