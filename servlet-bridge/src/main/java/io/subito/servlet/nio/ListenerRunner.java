package io.subito.servlet.nio;

import io.subito.servlet.nio.AppThreads;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs the read and write listener callbacks of one request (or one upgraded connection) on
 * application threads, one at a time as the specification requires, and never after the
 * request is over.
 */
public final class ListenerRunner {
    private final ClassLoader loader;
    private final BooleanSupplier current;
    private final Consumer<RuntimeException> log;

    /** @param current false once the request these listeners belong to has completed */
    public ListenerRunner(ClassLoader loader, BooleanSupplier current, Consumer<RuntimeException> log) {
        this.loader = loader;
        this.current = current;
        this.log = log;
    }

    void run(Runnable callback) {
        AppThreads.run(loader, () -> {
            synchronized (this) {
                if (current.getAsBoolean()) {
                    callback.run();
                }
            }
        }, log);
    }

    boolean isCurrent() {
        return current.getAsBoolean();
    }
}
