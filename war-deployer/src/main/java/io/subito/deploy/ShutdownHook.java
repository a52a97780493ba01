package io.subito.deploy;

import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

/**
 * What SIGTERM / Ctrl-C (and {@code System.exit}) do to the server main: a graceful stop, then
 * the log handlers are closed, which the JDK would otherwise do at the same time as the stop
 * ({@link ServerLogManager}). Registered before the server starts, so a stop asked for while the
 * apps deploy is graceful too.
 */
final class ShutdownHook {
    private final Server server;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean serving;

    private ShutdownHook(Server server) {
        this.server = server;
    }

    static ShutdownHook register(Server server) {
        ShutdownHook hook = new ShutdownHook(server);
        Runtime.getRuntime().addShutdownHook(new Thread(hook::run, "subito-shutdown"));
        return hook;
    }

    /** The server has printed that it serves: from now on its stop is reported. */
    void serving() {
        serving = true;
    }

    /** Blocks the main thread until the JVM is asked to exit and the server has stopped. */
    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long t0 = System.nanoTime();
        server.close(); // waits for a start in progress to end (both are synchronized), then stops
        if (serving) {
            // printed, not logged: the log handlers close right after
            System.out.println("Subito stopped in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        if (LogManager.getLogManager() instanceof ServerLogManager logs) {
            logs.resetAfterStop(); // the JDK's own reset was skipped, so that the stop could log
        }
        stopped.countDown();
    }
}
