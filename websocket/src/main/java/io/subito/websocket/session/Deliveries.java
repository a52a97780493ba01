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
        if (LIVE.get() == 0 && LIVE.compareAndSet(0, 1)) {
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
