package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The virtual-thread execution mode, where the runtime has it (Java 21+). */
class VirtualModeTest {
    @BeforeAll
    static void needsVirtualThreads() {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
    }

    @Test
    void runsOnVirtualThreads() throws Exception {
        HttpHandler h = ex -> {
            ex.response().setHeader("X-Virtual", Boolean.toString(
                    (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread())));
            Handlers.ECHO.handle(ex);
        };
        try (TestServer s = TestServer.start(ExecutionMode.VIRTUAL, h)) {
            assertEquals(ExecutionMode.VIRTUAL, s.server.mode());
            RawClient c = s.connect();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                all.append(Handlers.get("/v/" + i, "X-Id: " + i));
            }
            c.send(all.toString());
            for (int i = 0; i < 100; i++) {
                RawClient.Response r = c.read();
                assertEquals(Integer.toString(i), r.header("X-Id"));
                assertEquals("true", r.header("X-Virtual"));
            }
        }
    }
}
