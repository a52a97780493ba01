package io.subito.servlet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RequestCountersTest {

    @Test
    void startsEndsAndErrorsAddUpOverTheCellsOfEveryOwner() {
        RequestCounters counters = new RequestCounters();
        Object one = new Object();
        Object two = new Object();
        RequestCounters.Cell a = counters.cellFor(one);
        RequestCounters.Cell b = counters.cellFor(two);
        assertNotSame(a, b);
        a.started();
        b.started();
        b.started();
        assertEquals(3, counters.started());
        assertEquals(3, counters.active());
        a.ended(200);
        b.ended(404);
        b.ended(500);
        assertEquals(3, counters.started());
        assertEquals(0, counters.active());
        assertEquals(2, counters.errors());
    }

    @Test
    void aReleasedCellIsTakenByTheNextOwnerWithItsCountsKept() {
        RequestCounters counters = new RequestCounters();
        RequestCounters.Cell a = counters.cellFor(new Object());
        a.started();
        a.ended(503);
        a.release();
        RequestCounters.Cell again = counters.cellFor(new Object());
        assertSame(a, again);
        again.started();
        assertEquals(2, counters.started());
        assertEquals(1, counters.errors());
        assertEquals(1, counters.active());
        assertEquals(1, counters.cellCount());
    }

    @Test
    void aCellWhoseOwnerWasCollectedIsTakenOverSoCellsDoNotGrowWithDroppedOwners() throws Exception {
        RequestCounters counters = new RequestCounters();
        for (int i = 0; i < 1000; i++) {
            RequestCounters.Cell c = counters.cellFor(new Object()); // the owner is garbage at once
            c.started();
            c.ended(200);
            if (i % 100 == 99) {
                System.gc();
            }
        }
        assertEquals(1000, counters.started());
        assertEquals(0, counters.active());
        assertTrue(counters.cellCount() < 1000, "cells: " + counters.cellCount());
    }

    @Test
    void aCellCountsOnlyForItsOwnCounters() {
        RequestCounters one = new RequestCounters();
        RequestCounters two = new RequestCounters();
        RequestCounters.Cell c = one.cellFor(this);
        assertTrue(c.countsFor(one));
        assertFalse(c.countsFor(two));
    }

    @Test
    void ownersOnManyThreadsLoseNoCount() throws Exception {
        RequestCounters counters = new RequestCounters();
        int threads = 8;
        int each = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                Object owner = new Object();
                RequestCounters.Cell c = counters.cellFor(owner);
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    c.started();
                    c.ended(i % 10 == 0 ? 500 : 200);
                }
                c.release();
            });
            th.start();
            all.add(th);
        }
        go.countDown();
        for (Thread th : all) {
            th.join();
        }
        assertEquals((long) threads * each, counters.started());
        assertEquals((long) threads * each / 10, counters.errors());
        assertEquals(0, counters.active());
    }
}
