package io.subito.websocket.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InboxTest {
    /** Records deliveries; counts how many run at once. */
    private static final class Recorder implements Inbox.Delivery {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final CountDownLatch done;

        Recorder(int expected) {
            done = new CountDownLatch(expected);
        }

        @Override
        public void deliver(Inbox.Kind kind, Object payload, boolean last, int code) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            seen.add(kind + ":" + (payload instanceof ByteBuffer b ? b.remaining() + "B" : payload) + ":" + last + ":" + code);
            running.decrementAndGet();
            done.countDown();
        }
    }

    @Test
    void itemsAddedInBatchesAreDeliveredInOrderOneAtATimeAcrossManyWorkerRuns() throws Exception {
        int n = 1000; // more than one run's 64 items, so the inbox hands itself on many times
        Recorder r = new Recorder(n);
        Inbox inbox = new Inbox(r, Long.MAX_VALUE, () -> { });
        for (int i = 0; i < n; i++) {
            inbox.add(Inbox.Kind.TEXT, "m" + i, true, 0);
            if (i % 7 == 0) {
                inbox.handOff(); // while a worker may be delivering: it must not start a second one
            }
        }
        inbox.handOff();
        assertTrue(r.done.await(30, TimeUnit.SECONDS), "delivered: " + r.seen.size());
        assertEquals(1, r.mostAtOnce.get());
        for (int i = 0; i < n; i++) {
            assertEquals("TEXT:m" + i + ":true:0", r.seen.get(i));
        }
    }

    @Test
    void theInboxIsFullPastItsWeightAndSaysSoUntilTheWorkerHasTakenTheItemsOut() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Recorder r = new Recorder(3);
        AtomicInteger roomCalls = new AtomicInteger();
        Inbox inbox = new Inbox((k, p, l, c) -> {
            await(gate);
            r.deliver(k, p, l, c);
        }, 1000, roomCalls::incrementAndGet);
        inbox.add(Inbox.Kind.BINARY, ByteBuffer.allocate(500), true, 0);
        assertFalse(inbox.full(), "500 bytes and one item's overhead are under 1000");
        inbox.add(Inbox.Kind.BINARY, ByteBuffer.allocate(500), false, 0);
        inbox.add(Inbox.Kind.PING, ByteBuffer.allocate(0), true, 0);
        assertTrue(inbox.full(), inbox.toString());
        inbox.handOff();
        gate.countDown();
        assertTrue(r.done.await(30, TimeUnit.SECONDS));
        assertFalse(inbox.full(), inbox.toString());
        assertEquals(List.of("BINARY:500B:true:0", "BINARY:500B:false:0", "PING:0B:true:0"), r.seen);
        // the worker tells the reader of room after each delivery returns, so after the last one
        // the recorder may have counted down before the third call: wait for it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (roomCalls.get() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(roomCalls.get() >= 3, "the reader is told of room after each item");
    }

    @Test
    void nothingIsQueuedAfterTheClientsCloseAndTheCloseKeepsItsCode() throws Exception {
        Recorder r = new Recorder(2);
        Inbox inbox = new Inbox(r, Long.MAX_VALUE, () -> { });
        inbox.add(Inbox.Kind.TEXT, "before", true, 0);
        inbox.add(Inbox.Kind.CLOSE, "bye", true, 4321);
        assertTrue(inbox.ended());
        inbox.add(Inbox.Kind.TEXT, "after", true, 0);
        inbox.handOff();
        assertTrue(r.done.await(30, TimeUnit.SECONDS));
        assertEquals(List.of("TEXT:before:true:0", "CLOSE:bye:true:4321"), r.seen);
        assertTrue(inbox.toString().contains("0 items"), inbox.toString());
    }

    private static void await(CountDownLatch l) {
        try {
            assertTrue(l.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
