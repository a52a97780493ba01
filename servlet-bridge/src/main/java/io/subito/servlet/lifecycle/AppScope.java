package io.subito.servlet.lifecycle;

import jakarta.servlet.ServletContext;

/**
 * What every part of the bridge may know of the application it serves. The parts depend on
 * this (or on a small extension of it in their own package) rather than on the context class,
 * so that the packages form no cycle; the context implements them all.
 */
public interface AppScope {
    /** The context path: "" for the root application, else "/name". */
    String contextPath();

    ClassLoader classLoader();

    /** The object the application is given as its ServletContext (a facade). */
    ServletContext servletContext();

    Listeners listeners();

    boolean isDistributable();

    /** Throws IllegalStateException once the context is initialised (Servlet 6.1 section 4.4). */
    void checkNotStarted();

    /** The application's counters, for monitoring. */
    AppStats stats();

    void log(String message);

    void log(String message, Throwable t);
}
