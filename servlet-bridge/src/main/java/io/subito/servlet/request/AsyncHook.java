package io.subito.servlet.request;

import io.subito.servlet.nio.ListenerRunner;

/** What the request side needs of the async machinery (kept apart to avoid a package cycle). */
public interface AsyncHook {
    boolean isStarted();

    /** Whether the request is still in its async life (not completed). */
    boolean isActive();

    /** The AsyncContext the application was given. */
    jakarta.servlet.AsyncContext asyncContext();

    /**
     * Called on the container thread each time a dispatch returns after startAsync: runs what
     * was asked for meanwhile, or completes, or starts the timeout.
     */
    void dispatchReturned();

    /** An exception escaped a container dispatch after startAsync: listeners, then the error page. */
    void dispatchFailed(Throwable t);

    /** Runs this request's read and write listener callbacks. */
    ListenerRunner listenerRunner();
}
