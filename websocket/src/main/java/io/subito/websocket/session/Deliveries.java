package io.subito.websocket.session;

import io.subito.container.guard.Guard;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The inboxes that have messages to deliver, and the workers ("drainers") that deliver them, one
 * inbox after another. Handing an inbox over wakes a worker only when no drainer is live: a burst
 * of messages on many connections (what one pass of the selector loop finds) costs one wake-up,
 * not one per connection, and one worker delivers them in turn instead of many workers taking
 * turns on the same core.
 *
 * <p>A handler may block (a basic send to a slow client, a database call). So that the inboxes
 * behind it do not wait for it, a watchdog looks every {@link #WATCH_MILLIS} ms while drainers
 * run: a drainer that has been in one inbox's run for longer no longer counts as live, and when
 * inboxes wait with no live drainer, it starts one. A blocked handler thus delays the other
 * connections by a few milliseconds at most, and as many drainers run as handlers block, plus one.
 */
final class Deliveries {
    /** How often the watchdog looks while drainers run, and how long one run may take before its drainer stops counting as live. */
    static final long WATCH_MILLIS = 5;
    private static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS);
    private static final ConcurrentLinkedQueue<Runnable> READY = new ConcurrentLinkedQueue<>();
    /** Drainers running and not stuck in a long run. */
    private static final AtomicInteger LIVE = new AtomicInteger();
    private static final Set<Drainer> ALL = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean WATCHING = new AtomicBoolean();

    private Deliveries() {
    }

    /** Queues an inbox's run (the inbox queues itself once at a time); starts a drainer if none is live. */
    static void submit(Runnable inboxRun) {
        READY.add(inboxRun);
        startIfIdle();
    }

    /**
     * Queues an inbox's run found by a reader that reads many connections in one pass (the
     * selector loop): a drainer is started by {@code afterPass} once the pass is over, not here.
     * Waking a worker in the middle of the pass would, on a busy core, let it take the core from
     * the reader for each connection in turn: two context switches per message instead of two
     * per pass. {@code afterPass} gets {@link #START_AFTER_PASS} at most once until it has run.
     */
    static void submitInPass(Runnable inboxRun, java.util.function.Consumer<Runnable> afterPass) {
        READY.add(inboxRun);
        if (LIVE.get() == 0 && START_PENDING.compareAndSet(false, true)) {
            afterPass.accept(START_AFTER_PASS);
        }
    }

    static final boolean READER_WAITS = Boolean.getBoolean("subito.ws.readerWaits");
    static final long READER_WAIT_NANOS = Long.getLong("subito.ws.readerWaitMicros", 1000) * 1000;
    private static volatile Thread waitingReader;
    /** Whether a start after a reader's pass is pending: then later hand-offs of any reader need not ask for one. */
    private static final AtomicBoolean START_PENDING = new AtomicBoolean();
    private static final Runnable START_AFTER_PASS = () -> {
        START_PENDING.set(false); // first, so that an inbox queued after this start asks for its own
        startIfIdle();
        if (READER_WAITS && LIVE.get() > 0) {
            awaitDrained();
        }
    };

    private static void awaitDrained() {
        Thread me = Thread.currentThread();
        waitingReader = me;
        long end = System.nanoTime() + READER_WAIT_NANOS;
        while (LIVE.get() > 0 && !READY.isEmpty() || LIVE.get() > 0 && ALL.size() > 0 && busy()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
        waitingReader = null;
    }

    private static boolean busy() {
        for (Drainer d : ALL) {
            if (d.since != 0) {
                return true;
            }
        }
        return false;
    }

    private static void wakeReader() {
        Thread t = waitingReader;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    private static void startIfIdle() {
        if (LIVE.get() == 0 && !READY.isEmpty() && LIVE.compareAndSet(0, 1)) {
            start();
        }
    }

    /** Starts a drainer already counted in {@link #LIVE}. */
    private static void start() {
        Drainer d = new Drainer();
        ALL.add(d);
        WsThreads.execute(d);
        if (WATCHING.compareAndSet(false, true)) {
            WsThreads.timers().schedule(Deliveries::watch, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** One worker delivering queued inboxes until none waits. */
    private static final class Drainer implements Runnable {
        /** When the current run started (System.nanoTime), 0 between runs. */
        private volatile long since;
        /** Set by the watchdog when a run took too long: the drainer is not counted as live meanwhile. */
        private final AtomicBoolean stuck = new AtomicBoolean();

        @Override
        public void run() {
            while (true) {
                Runnable r = READY.poll();
                if (r == null) {
                    backToLive();
                    if (READER_WAITS) {
                        wakeReader();
                    }
                    if (LIVE.decrementAndGet() == 0 && !READY.isEmpty() && LIVE.compareAndSet(0, 1)) {
                        continue; // an inbox came between the poll and the decrement, and nobody else drains
                    }
                    ALL.remove(this);
                    return;
                }
                since = System.nanoTime() | 1; // never 0
                Guard.run("a WebSocket worker", r); // whatever it throws, this drainer goes on
                since = 0;
                backToLive();
            }
        }

        private void backToLive() {
            if (stuck.compareAndSet(true, false)) {
                LIVE.incrementAndGet();
            }
        }

        /** Watchdog side: whether this drainer just stopped counting as live. */
        boolean markIfStuck(long now) {
            long s = since;
            if (s != 0 && now - s > WATCH_NANOS && stuck.compareAndSet(false, true)) {
                LIVE.decrementAndGet();
                return true;
            }
            return false;
        }
    }

    /** The watchdog, on the timer thread: marks stuck drainers, starts one when inboxes wait without a live drainer. */
    private static void watch() {
        long now = System.nanoTime();
        for (Drainer d : ALL) {
            d.markIfStuck(now);
        }
        if (!READY.isEmpty() && LIVE.get() == 0 && LIVE.compareAndSet(0, 1)) {
            start();
        }
        if (!ALL.isEmpty() || !READY.isEmpty()) {
            WsThreads.timers().schedule(Deliveries::watch, WATCH_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        WATCHING.set(false);
        if ((!ALL.isEmpty() || !READY.isEmpty()) && WATCHING.compareAndSet(false, true)) {
            WsThreads.timers().schedule(Deliveries::watch, WATCH_MILLIS, TimeUnit.MILLISECONDS); // a drainer started meanwhile
        }
    }

    /** For diagnostics: drainers live and running, inboxes waiting. */
    static String describe() {
        return LIVE.get() + " live of " + ALL.size() + " drainers, " + READY.size() + " inboxes waiting";
    }
}
