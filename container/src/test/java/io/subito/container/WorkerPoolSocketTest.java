package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The worker pool over sockets: a handler blocking a worker (more of them than there are
 * processors) does not hold up other connections, and pipelined answers keep their order when
 * many connections share the workers.
 */
class WorkerPoolSocketTest {
    @Test
    void handlersBlockedOnMoreConnectionsThanProcessorsDoNotStallAnotherConnection() throws Exception {
        int blocked = Runtime.getRuntime().availableProcessors() + 1;
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(blocked);
        HttpHandler h = ex -> {
            if (ex.request().path().startsWith("/block")) {
                entered.countDown();
                assertTrue(release.await(60, TimeUnit.SECONDS), "the test never released the blocked handlers");
            }
            Handlers.ECHO.handle(ex);
        };
        ServerConfig config = TestServer.config(ExecutionMode.POOL).loops(1).workerThreads(blocked + 2);
        try (TestServer s = TestServer.start(config, h)) {
            List<RawClient> waiting = new ArrayList<>();
            for (int i = 0; i < blocked; i++) {
                RawClient c = s.connect();
                c.send(Handlers.get("/block/" + i));
                waiting.add(c);
            }
            assertTrue(entered.await(30, TimeUnit.SECONDS),
                    "only " + (blocked - entered.getCount()) + " of " + blocked + " blocking requests reached a worker");
            RawClient other = s.connect();
            for (int i = 0; i < 3; i++) {
                other.send(Handlers.get("/free/" + i));
                assertEquals("GET /free/" + i, other.read().text());
            }
            release.countDown();
            for (int i = 0; i < blocked; i++) {
                assertEquals("GET /block/" + i, waiting.get(i).read().text());
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void manyConnectionsPipeliningSixteenEachGetTheirAnswersInOrder() throws Exception {
        try (TestServer s = TestServer.start(TestServer.config(ExecutionMode.POOL).loops(1), Handlers.ECHO)) {
            List<RawClient> clients = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                clients.add(s.connect());
            }
            for (int round = 0; round < 20; round++) {
                for (int c = 0; c < clients.size(); c++) {
                    StringBuilder batch = new StringBuilder();
                    for (int i = 0; i < 16; i++) {
                        batch.append(Handlers.get("/c" + c + "/" + i, "X-Id: " + (round * 16 + i)));
                    }
                    clients.get(c).send(batch.toString());
                }
                for (int c = 0; c < clients.size(); c++) {
                    for (int i = 0; i < 16; i++) {
                        RawClient.Response r = clients.get(c).read();
                        assertEquals(Integer.toString(round * 16 + i), r.header("X-Id"), "connection " + c);
                        assertEquals("GET /c" + c + "/" + i, r.text());
                    }
                }
            }
            assertTrue(s.server.stats().workersActive() >= 0);
        }
    }
}
