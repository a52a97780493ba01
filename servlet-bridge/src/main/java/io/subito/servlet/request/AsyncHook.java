package io.subito.servlet.request;

import io.subito.servlet.nio.ListenerRunner;

/** What the request side needs of the async machinery (kept apart to avoid a package cycle). */
public interface AsyncHook {
    boolean isStarted();

    /** The AsyncContext the application was given. */
    jakarta.servlet.AsyncContext asyncContext();

    /** Runs this request's read and write listener callbacks. */
    ListenerRunner listenerRunner();
}
