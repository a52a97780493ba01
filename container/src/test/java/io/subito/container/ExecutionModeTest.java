package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutionModeTest {
    @Test
    void virtualFallsBackToThePoolBeforeJava21() throws Exception {
        try (TestServer s = TestServer.start(ExecutionMode.VIRTUAL, Handlers.ECHO)) {
            ExecutionMode expected = Runtime.version().feature() >= 21 ? ExecutionMode.VIRTUAL : ExecutionMode.POOL;
            assertEquals(expected, s.server.mode());
            RawClient c = s.connect();
            c.send(Handlers.get("/x"));
            assertEquals("GET /x", c.read().text());
        }
    }

    @Test
    void inlineRunsOnTheLoopAndPoolDoesNot() throws Exception {
        HttpHandler h = ex -> ex.response().setHeader("X-Thread", Thread.currentThread().getName() + "|" + ex.mayBlock());
        try (TestServer inline = TestServer.start(ExecutionMode.INLINE, h);
             TestServer pool = TestServer.start(ExecutionMode.POOL, h)) {
            RawClient a = inline.connect();
            a.send(Handlers.get("/"));
            String t = a.read().header("X-Thread");
            assertTrue(t.startsWith("subito-loop-") && t.endsWith("|false"), t);
            RawClient b = pool.connect();
            b.send(Handlers.get("/"));
            t = b.read().header("X-Thread");
            assertTrue(t.startsWith("subito-worker-") && t.endsWith("|true"), t);
        }
    }

    /**
     * A pool batch leaves the socket's read interest on (no epoll_ctl pair per request); a
     * request that arrives meanwhile must turn it off at its first readiness, or the loop would
     * be woken for the same unread bytes again and again until the batch ends.
     */
    @Test
    void aRequestArrivingWhileAPoolBatchRunsWaitsForItAndTheLoopDoesNotSpinOnIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger served = new AtomicInteger();
        HttpHandler h = ex -> {
            int n = served.incrementAndGet();
            if (n == 1) {
                entered.countDown();
                assertTrue(release.await(30, TimeUnit.SECONDS), "the test never released the first request");
            }
            ex.response().setHeader("X-N", Integer.toString(n));
        };
        Set<Thread> earlier = loopThreads();
        try (TestServer s = TestServer.start(ExecutionMode.POOL, h)) {
            Set<Thread> loops = loopThreads();
            loops.removeAll(earlier);
            RawClient c = s.connect();
            c.send(Handlers.get("/1"));
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the first request never reached its handler");
            c.send(Handlers.get("/2")); // readable while the first request's batch holds the connection
            long before = cpuNanos(loops);
            Thread.sleep(1000); // a window to measure the loops' CPU in, not a synchronisation
            long spent = cpuNanos(loops) - before;
            release.countDown();
            assertEquals("1", c.read().header("X-N"));
            assertEquals("2", c.read().header("X-N"));
            assertTrue(spent < TimeUnit.MILLISECONDS.toNanos(200),
                    "the loops used " + spent / 1_000_000 + " ms of CPU in 1 s while a request waited unread");
        }
    }

    private static Set<Thread> loopThreads() {
        Set<Thread> loops = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("subito-loop-")) {
                loops.add(t);
            }
        }
        return loops;
    }

    private static long cpuNanos(Set<Thread> threads) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : threads) {
            sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
        }
        return sum;
    }
}
