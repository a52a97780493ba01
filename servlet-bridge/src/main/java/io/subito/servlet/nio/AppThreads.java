package io.subito.servlet.nio;

import io.subito.container.guard.Guard;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The threads that run application code outside a request's own dispatch: AsyncContext.start
 * tasks and read/write listener callbacks. Each task runs with the webapp's class loader.
 */
public final class AppThreads {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "subito-async");
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(Guard.uncaughtHandler()); // an application's Error is logged, not just printed
        return t;
    });

    private AppThreads() {
    }

    /** For tasks that set up their own context (a dispatch, a timeout). */
    public static void execute(Runnable task) {
        WORKERS.execute(task);
    }

    public static void run(ClassLoader loader, Runnable task, Consumer<RuntimeException> onFailure) {
        WORKERS.execute(() -> {
            Thread t = Thread.currentThread();
            ClassLoader old = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                task.run();
            } catch (RuntimeException e) {
                onFailure.accept(e);
            } finally {
                t.setContextClassLoader(old);
            }
        });
    }
}
