package io.subito.container;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Virtual threads when the runtime has them (Java 21+); the code itself targets Java 17. */
final class VirtualThreads {
    private VirtualThreads() {
    }

    static ExecutorService newExecutor() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
