package io.subito.deploy;

import java.util.logging.LogManager;

/**
 * java.util.logging's LogManager, except that the JVM's shutdown leaves the log handlers open
 * until the server has stopped. The JDK resets logging in a shutdown hook of its own, which runs
 * at the same time as the server's graceful stop: without this, what the stop logs (a request it
 * had to cut, an app failing to stop) is lost. The server main installs it (the
 * {@code java.util.logging.manager} property) and its shutdown hook calls {@link #resetAfterStop()}
 * last. Tomcat's {@code ClassLoaderLogManager} skips the JDK's reset the same way.
 */
public final class ServerLogManager extends LogManager {

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().startsWith("java.util.logging.LogManager$")) {
            return; // the JDK's shutdown hook (LogManager.Cleaner): the server's own hook resets after the stop
        }
        super.reset();
    }

    /** Closes the handlers: the server has stopped and logged all it had to. */
    public void resetAfterStop() {
        super.reset();
    }
}
