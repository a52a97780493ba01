package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where the ClientHello's delegated tasks run, by their measured cost (in memory). */
class TlsTaskCostTest {
    @Test
    void beforeAnyMeasurementTheTasksGoOffTheLoop() {
        TlsTaskCost c = new TlsTaskCost(1_000);
        assertFalse(c.onLoop());
        assertTrue(c.toString().contains("not measured yet"), c.toString());
    }

    @Test
    void tasksMeasuredWithinTheBoundRunOnTheLoop() {
        TlsTaskCost c = new TlsTaskCost(1_000);
        c.record(600_000);
        assertTrue(c.onLoop());
        assertEquals(600_000, c.averageNanos());
    }

    @Test
    void dearTasksMoveOffTheLoopAndComeBackOnceTheyAreCheapAgain() {
        TlsTaskCost c = new TlsTaskCost(1_000);
        c.record(600_000);
        c.record(20_000_000); // a cold JIT, a dearer key after a reload: a quarter of the jump is enough
        assertFalse(c.onLoop());
        int cheap = 0;
        while (!c.onLoop()) {
            c.record(600_000);
            cheap++;
        }
        // an exponential average with a quarter to the newest: 5.5 ms above 0.6 ms falls under 0.4 ms in 10 steps
        assertTrue(cheap > 1 && cheap < 20, "back on the loop after " + cheap);
    }

    @Test
    void aBoundOfZeroKeepsThemOffTheLoopHoweverCheap() {
        TlsTaskCost c = new TlsTaskCost(0);
        c.record(0);
        c.record(1);
        assertFalse(c.onLoop());
    }

    @Test
    void theStartMarkMeasuresTheCpuTimeSpentOnThisThread() {
        TlsTaskCost c = new TlsTaskCost(1_000_000);
        long start = TlsTaskCost.start();
        long x = 0;
        for (int i = 0; i < 2_000_000; i++) {
            x += Long.numberOfTrailingZeros(i ^ x);
        }
        c.recordSince(start);
        assertTrue(x != 42 && c.averageNanos() > 0, "measured " + c.averageNanos());
    }

    @Test
    void onTheLoopOnlyOneHandshakeInSixteenReadsTheCpuClockOnceTheEstimateStands() {
        TlsTaskCost c = new TlsTaskCost(1_000);
        c.record(600_000);
        int measured = 0;
        for (int i = 0; i < 4 * TlsTaskCost.SAMPLE_EVERY; i++) {
            if (c.measuresOnLoop()) {
                measured++;
            }
        }
        assertEquals(4, measured);
        assertTrue(c.measuresOnLoop(), "the first of the next sixteen is measured");
    }
}
