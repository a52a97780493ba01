package io.subito.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeliveriesTest {
    @Test
    void runsSubmittedTogetherAllRunAndABlockedOneDoesNotHoldUpTheOthers() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Deliveries.submit(() -> {
            blocked.countDown();
            try {
                gate.await(60, TimeUnit.SECONDS); // a handler that blocks
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(blocked.await(30, TimeUnit.SECONDS));
        int n = 200;
        List<Integer> ran = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            Deliveries.submit(() -> {
                ran.add(k);
                all.countDown();
            });
        }
        // the only drainer is blocked: the watchdog starts another within a few milliseconds
        assertTrue(all.await(30, TimeUnit.SECONDS), "ran " + ran.size() + " of " + n + "; " + Deliveries.describe());
        assertEquals(n, ran.size());
        gate.countDown();
    }

    @Test
    void anExceptionInARunDoesNotStopTheDrainer() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        Deliveries.submit(() -> {
            throw new IllegalStateException("a failing run (expected in this test's log)");
        });
        Deliveries.submit(after::countDown);
        assertTrue(after.await(30, TimeUnit.SECONDS), Deliveries.describe());
    }
}
