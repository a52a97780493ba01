package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
