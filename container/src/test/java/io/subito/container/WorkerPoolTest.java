package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    private static final long ONE_MS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A watch tick longer than any test: the watch never steps in. */
    private static final long NEVER = TimeUnit.MINUTES.toNanos(10);

    @Test
    void withATargetOfOneAStreamOfShortTasksRunsOnASingleThread() throws Exception {
        WorkerPool pool = new WorkerPool("t-single", 8, 1, NEVER);
        try {
            Set<Thread> used = ConcurrentHashMap.newKeySet();
            for (int burst = 0; burst < 200; burst++) {
                CountDownLatch done = new CountDownLatch(16);
                for (int i = 0; i < 16; i++) {
                    pool.execute(() -> {
                        used.add(Thread.currentThread());
                        done.countDown();
                    });
                }
                assertTrue(done.await(30, TimeUnit.SECONDS), "burst " + burst + " did not finish: " + pool);
            }
            assertEquals(1, used.size(), "threads used: " + used);
            assertEquals(1, pool.threads(), pool.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskQueuedBehindABlockedWorkerRunsOnAnotherOneWithinTheWatchTick() throws Exception {
        WorkerPool pool = new WorkerPool("t-blocked", 4, 1, ONE_MS);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        try {
            pool.execute(() -> {
                entered.countDown();
                await(release);
            });
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the first task never started");
            pool.execute(second::countDown);
            assertTrue(second.await(30, TimeUnit.SECONDS), "the second task waited on the blocked worker: " + pool);
            assertEquals(2, pool.threads(), pool.toString());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void blockedWorkersNeverExceedTheCapAndEveryTaskRunsOnceTheyReturn() throws Exception {
        WorkerPool pool = new WorkerPool("t-cap", 3, 1, ONE_MS);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch threeIn = new CountDownLatch(3);
        CountDownLatch allDone = new CountDownLatch(6);
        AtomicInteger most = new AtomicInteger();
        AtomicInteger inside = new AtomicInteger();
        try {
            for (int i = 0; i < 6; i++) {
                pool.execute(() -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    threeIn.countDown();
                    await(release);
                    inside.decrementAndGet();
                    allDone.countDown();
                });
            }
            assertTrue(threeIn.await(30, TimeUnit.SECONDS), "three tasks did not start on three workers: " + pool);
            assertEquals(3, pool.threads());
            assertEquals(3, pool.queued(), pool.toString());
            release.countDown();
            assertTrue(allDone.await(30, TimeUnit.SECONDS), "queued tasks did not run once workers were free: " + pool);
            assertEquals(3, most.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThrowingTaskIsReportedAndTheWorkerGoesOnToTheNext() throws Exception {
        WorkerPool pool = new WorkerPool("t-throw", 2, 1, NEVER);
        CountDownLatch after = new CountDownLatch(1);
        try (LogCapture log = new LogCapture(io.subito.container.guard.Guard.class.getName())) {
            pool.execute(() -> {
                throw new IllegalStateException("task failed on purpose");
            });
            pool.execute(after::countDown);
            assertTrue(after.await(30, TimeUnit.SECONDS), "the task after a throwing one never ran");
            assertTrue(log.await("a task on the worker pool failed", "task failed on purpose") != null);
            assertEquals(1, pool.threads());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shutdownLetsQueuedTasksFinishThenRefusesNewOnes() throws Exception {
        WorkerPool pool = new WorkerPool("t-stop", 2, 1, ONE_MS);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 50; i++) {
            pool.execute(ran::incrementAndGet);
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "the pool did not end: " + pool);
        assertEquals(50, ran.get());
        assertTrue(pool.isTerminated());
        assertThrows(RejectedExecutionException.class, () -> pool.execute(ran::incrementAndGet));
    }

    @Test
    void aWorkerThatFindsTheQueueEmptyParksAndIsWokenByTheNextTask() throws Exception {
        WorkerPool pool = new WorkerPool("t-park", 4, 1, NEVER);
        try {
            for (int round = 0; round < 50; round++) {
                CountDownLatch done = new CountDownLatch(1);
                pool.execute(done::countDown);
                assertTrue(done.await(30, TimeUnit.SECONDS), "round " + round + ": " + pool);
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (pool.running() > 0 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            assertEquals(1, pool.threads(), pool.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
