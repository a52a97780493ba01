package io.subito.container;

import io.subito.container.guard.Guard;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MpmcUnboundedXaddArrayQueue;

/**
 * The worker pool of execution=pool: at most {@code workerThreads} threads, of which only as
 * many are kept awake as there are processors while they keep up.
 *
 * <p>Why not the JDK's ForkJoinPool: it wakes a parked worker for each task that finds the
 * others busy, and each woken worker parks again once the queue is empty, so on a single core
 * every batch cost a wake-up and a park (two futex calls). Here a task wakes a worker only when
 * none is searching for work and fewer than {@code target} (the processor count) are awake;
 * a worker takes the next queued task before it parks. A task never waits on a blocked worker
 * for long: the {@link PoolWatch} sees a queue that made no progress for a tick and wakes
 * another worker, and until the queue drains again every task may wake one (as the JDK's pool
 * does). {@code execute} takes no lock: a selector loop calls it.
 *
 * <p>Counts: {@code awake} workers are running a task or {@code searching} the queue;
 * {@code idle} workers are parked and not yet claimed by a waker, which claims one by taking
 * it off {@code idle} and then releases one permit (so a permit is never lost or left over).
 */
final class WorkerPool extends AbstractExecutorService {
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final MpmcUnboundedXaddArrayQueue<Runnable> queue = new MpmcUnboundedXaddArrayQueue<>(256);
    private final Semaphore permits = new Semaphore(0);
    private final AtomicInteger awake = new AtomicInteger();
    private final AtomicInteger searching = new AtomicInteger();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private final int cap;
    private final int target;
    private final String name;
    private final PoolWatch watch;
    /** Set by the watch on a stalled queue: every task may wake a worker until the queue drains. */
    private volatile boolean boost;
    private volatile boolean shutdown;
    private volatile boolean stopNow;

    /**
     * @param cap at most this many threads
     * @param target workers kept awake while they keep up (the processor count)
     * @param tickNanos how long a queue may make no progress before another worker is woken
     */
    WorkerPool(String name, int cap, int target, long tickNanos) {
        if (cap < 1 || target < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one thread, not " + cap + "/" + target);
        }
        this.name = name;
        this.cap = cap;
        this.target = Math.min(target, cap);
        this.watch = new PoolWatch(this, name + "-watch", tickNanos);
        watch.start();
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("the worker pool is shut down");
        }
        queue.offer(task);
        signal();
        watch.workArrived();
    }

    /** Wakes (or starts) a worker if none is searching and fewer than the target are awake, or the pool is boosted. */
    private void signal() {
        if (searching.get() == 0 && (boost || awake.get() < target)) {
            wakeOne();
        }
    }

    /** Wakes a parked worker or starts a thread; false when all {@code cap} threads are awake. */
    boolean wakeOne() {
        for (;;) {
            int i = idle.get();
            if (i > 0) {
                if (idle.compareAndSet(i, i - 1)) {
                    awake.incrementAndGet();
                    searching.incrementAndGet();
                    permits.release();
                    return true;
                }
                continue;
            }
            int t = threads.get();
            if (t >= cap) {
                return false;
            }
            if (threads.compareAndSet(t, t + 1)) {
                awake.incrementAndGet();
                searching.incrementAndGet();
                startThread();
                return true;
            }
        }
    }

    private void startThread() {
        Thread t = new Thread(this::work, name + "-" + names.incrementAndGet());
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(Guard.uncaughtHandler());
        live.add(t);
        t.start();
    }

    /** A worker's life: counted awake and searching by whoever started or woke it. */
    private void work() {
        try {
            while (true) {
                Runnable task = queue.poll();
                if (task != null) {
                    if (searching.decrementAndGet() == 0 && !queue.isEmpty()) {
                        signal(); // more queued than this worker takes now: let another (up to the target) help
                    }
                    Guard.run(task instanceof ReusableTask r ? r.what : "a task on the worker pool", task);
                    if (!stopNow) {
                        Thread.interrupted(); // a task's interrupt is not the next task's
                    }
                    searching.incrementAndGet();
                } else if (!park()) {
                    return;
                }
            }
        } finally {
            live.remove(Thread.currentThread());
            if (threads.decrementAndGet() == 0 && shutdown) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    /** Parks a worker that found the queue empty; false when the worker ends (keep-alive passed, or shut down). */
    private boolean park() {
        // idle first: a waker that sees this worker no longer awake finds it to claim, rather than starting a thread
        idle.incrementAndGet();
        searching.decrementAndGet();
        awake.decrementAndGet();
        boost = false; // the queue drained: back to waking only up to the target
        if (shutdown && queue.isEmpty() && unclaim()) {
            return false;
        }
        // a task offered while this worker still counted as searching woke no one: take it
        if (!queue.isEmpty() && unclaim()) {
            awake.incrementAndGet();
            searching.incrementAndGet();
            return true;
        }
        boolean woken;
        try {
            woken = permits.tryAcquire(KEEP_ALIVE_NANOS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            woken = false;
        }
        if (woken) {
            return !stopNow;
        }
        if (unclaim()) {
            return false; // kept alive long enough with nothing to do, or shut down
        }
        permits.acquireUninterruptibly(); // a waker claimed this worker already: its permit is on the way
        return !stopNow;
    }

    /** Takes one parked worker off the idle count (itself, when it leaves); false when a waker claimed them all. */
    private boolean unclaim() {
        for (;;) {
            int i = idle.get();
            if (i == 0) {
                return false;
            }
            if (idle.compareAndSet(i, i - 1)) {
                return true;
            }
        }
    }

    /** Called by the watch when the queue made no progress for a tick: some awake workers are blocked. */
    void stalled() {
        boost = true;
        wakeOne();
    }

    /** For the watch: how far the workers have taken from the queue. */
    long taken() {
        return queue.currentConsumerIndex();
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    /** Workers running a task now. */
    int running() {
        return Math.max(0, awake.get() - searching.get());
    }

    /** Tasks waiting for a worker. */
    int queued() {
        return queue.size();
    }

    /** Threads alive, parked ones included. */
    int threads() {
        return threads.get();
    }

    @Override
    public void shutdown() {
        shutdown = true;
        watch.end();
        permits.release(cap); // parked workers look again, find the queue empty and end
    }

    @Override
    public List<Runnable> shutdownNow() {
        stopNow = true;
        shutdown();
        List<Runnable> left = new ArrayList<>();
        queue.drain(left::add);
        for (Thread t : live) {
            t.interrupt();
        }
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && threads.get() == 0;
    }

    @Override
    public synchronized boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (!isTerminated()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public String toString() {
        return name + "[threads=" + threads.get() + ", awake=" + awake.get() + ", searching=" + searching.get()
                + ", idle=" + idle.get() + ", queued=" + queue.size() + (boost ? ", boosted" : "") + "]";
    }
}
