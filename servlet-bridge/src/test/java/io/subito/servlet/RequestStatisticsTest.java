package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.AsyncContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each application's request statistics (requests, error responses, requests in service), as a
 * client's requests over real connections move them; one connection may serve several
 * applications in turn.
 */
class RequestStatisticsTest {
    static Subito server;
    static int port;
    static final CountDownLatch release = new CountDownLatch(1);
    static final CountDownLatch entered = new CountDownLatch(1);
    static final AtomicReference<AsyncContext> parked = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0)
                .context("/a", ctx -> {
                    ctx.addServlet("ok", Servlets.text(req -> "a")).addMapping("/ok");
                    ctx.addServlet("fail", Servlets.of((req, res) -> res.sendError(500))).addMapping("/fail");
                })
                .context("/b", ctx -> {
                    ctx.addServlet("ok", Servlets.text(req -> "b")).addMapping("/ok");
                    ctx.addServlet("slow", Servlets.of((req, res) -> {
                        entered.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        res.getWriter().print("slow");
                    })).addMapping("/slow");
                    var async = ctx.addServlet("async", Servlets.of((req, res) -> parked.set(req.startAsync())));
                    async.setAsyncSupported(true);
                    async.addMapping("/async");
                })
                .start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        server.stop();
    }

    /** Waits (generously: the machine may be loaded) until the figure reaches {@code want}. */
    private static void await(LongSupplier figure, long want) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (figure.getAsLong() != want && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(want, figure.getAsLong());
    }

    @Test
    void requestsAndErrorResponsesAreCountedForTheApplicationThatServedThem() throws Exception {
        WebAppContext a = server.context("/a");
        WebAppContext b = server.context("/b");
        long aRequests = a.stats().requests();
        long aErrors = a.stats().errors();
        long bRequests = b.stats().requests();
        long bErrors = b.stats().errors();
        try (Http h = new Http(port)) {
            // one connection, the applications in turn: the same pooled request state counts for each
            assertEquals("a", h.send("GET", "/a/ok", null).body());
            assertEquals("b", h.send("GET", "/b/ok", null).body());
            assertEquals(500, h.send("GET", "/a/fail", null).status());
            assertEquals(404, h.send("GET", "/b/missing", null).status());
            assertEquals("a", h.send("GET", "/a/ok", null).body());
        }
        await(() -> a.stats().requests(), aRequests + 3);
        await(() -> a.stats().errors(), aErrors + 1);
        await(() -> b.stats().requests(), bRequests + 2);
        await(() -> b.stats().errors(), bErrors + 1);
        await(a::activeRequests, 0);
    }

    @Test
    void aRequestInServiceCountsAsActiveUntilItsResponseIsDone() throws Exception {
        WebAppContext b = server.context("/b");
        CompletableFuture<String> body = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get(port, "/b/slow").body();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(entered.await(30, TimeUnit.SECONDS), "the slow servlet was not reached");
        assertEquals(1, b.activeRequests());
        release.countDown();
        assertEquals("slow", body.get(30, TimeUnit.SECONDS));
        await(b::activeRequests, 0);
    }

    @Test
    void anAsyncRequestCountsAsActiveUntilItCompletes() throws Exception {
        WebAppContext b = server.context("/b");
        long before = b.stats().requests();
        try (Http h = new Http(port)) {
            h.raw("GET /b/async HTTP/1.1\r\nHost: localhost\r\n\r\n");
            await(() -> parked.get() == null ? 0 : 1, 1);
            await(b::activeRequests, 1); // the servlet returned; the request is still in service
            AsyncContext ac = parked.getAndSet(null);
            ac.getResponse().getWriter().print("done");
            ac.complete();
            assertEquals("done", h.read(false).body());
        }
        await(b::activeRequests, 0);
        await(() -> b.stats().requests(), before + 1);
    }
}
