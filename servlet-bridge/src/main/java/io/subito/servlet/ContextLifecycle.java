package io.subito.servlet;

import io.subito.servlet.lifecycle.Listeners;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EventListener;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A context's life: the start in the order Servlet 6.1 gives (initializers, context listeners,
 * filters, load-on-startup servlets), the stop in reverse after the requests in service have
 * drained, and the rules that hold while starting (what a programmatically added listener may do).
 *
 * <pre>
 *   NEW ── start() ──▶ STARTING ── all started ──▶ STARTED ── stop() ──▶ STOPPED
 *                          └───────── failure: stop(), the cause thrown ──────▲
 * </pre>
 */
final class ContextLifecycle {
    private static final Logger LOG = Logger.getLogger("io.subito.servlet");

    enum State { NEW, STARTING, STARTED, STOPPED }

    private final WebAppContext ctx;
    private volatile State state = State.NEW;
    /** When the start finished, in epoch milliseconds; 0 before. */
    private volatile long startedAt;
    private volatile long stopGraceMillis = 10_000;
    /** Context listeners added while starting (by SCIs or listeners), which run restricted. */
    private final Set<EventListener> programmaticListeners = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile Thread restrictedCaller;
    /** True while contextInitialized runs: a ServletContextListener may then not be added. */
    private volatile boolean listenerPhase;

    ContextLifecycle(WebAppContext ctx) {
        this.ctx = ctx;
    }

    /** The one place the state changes. */
    private void move(State next) {
        state = next;
    }

    boolean isStarted() {
        return state == State.STARTED;
    }

    long startedAt() {
        return startedAt;
    }

    String stateName() {
        return state.name();
    }

    /** Registration methods throw this once the context is initialised (Servlet 6.1 section 4.4). */
    void checkNotStarted() {
        if (state == State.STARTED || state == State.STOPPED) {
            throw new IllegalStateException("context " + ctx.displayPath() + " has already been initialised");
        }
    }

    /**
     * A ServletContextListener that was added programmatically (by an initializer or another
     * listener) may not configure the context: while its contextInitialized runs, the
     * configuration methods throw UnsupportedOperationException (Servlet 6.1 section 4.4).
     */
    void checkPluggable() {
        if (restrictedCaller == Thread.currentThread()) {
            throw new UnsupportedOperationException(
                    "a programmatically added ServletContextListener may not configure the context");
        }
    }

    void addListener(String className) {
        try {
            Class<?> c = Class.forName(className, true, ctx.getClassLoader());
            if (!EventListener.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException(className + " is not an EventListener");
            }
            addListener(c.asSubclass(EventListener.class));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("listener class " + className + " not found", e);
        }
    }

    void addListener(Class<? extends EventListener> type) {
        try {
            addListener(createListener(type));
        } catch (ServletException e) {
            throw new IllegalArgumentException("listener " + type.getName() + " could not be created", e);
        }
    }

    <T extends EventListener> T createListener(Class<T> type) throws ServletException {
        checkListenerType(type);
        return ctx.components.createListener(type);
    }

    /** Adds a listener; one added while starting runs restricted (see {@link #checkPluggable}). */
    void addListener(EventListener l) {
        checkNotStarted();
        checkListenerType(l.getClass());
        if (state == State.STARTING) {
            programmaticListeners.add(l);
        }
        ctx.listeners().add(l);
    }

    void checkListenerType(Class<?> type) {
        if (!Listeners.isSupported(type)) {
            throw new IllegalArgumentException(type.getName() + " implements no supported listener interface");
        }
        if (listenerPhase && ServletContextListener.class.isAssignableFrom(type)) {
            // only before start or from a ServletContainerInitializer (javadoc of addListener)
            throw new IllegalArgumentException("a ServletContextListener cannot be added from contextInitialized");
        }
    }

    void start(List<Map.Entry<ServletContainerInitializer, Set<Class<?>>>> initializers) throws ServletException {
        if (state != State.NEW) {
            throw new IllegalStateException("context " + ctx.displayPath() + " was already started");
        }
        move(State.STARTING);
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ctx.getClassLoader());
        try {
            for (Map.Entry<ServletContainerInitializer, Set<Class<?>>> e : initializers) {
                e.getKey().onStartup(e.getValue() == null || e.getValue().isEmpty() ? null : e.getValue(),
                        ctx.servletContext());
            }
            ServletContextEvent event = new ServletContextEvent(ctx.servletContext());
            listenerPhase = true;
            for (ServletContextListener l : ctx.listeners().context) {
                boolean restricted = programmaticListeners.contains(l);
                restrictedCaller = restricted ? Thread.currentThread() : null;
                try {
                    l.contextInitialized(event);
                } finally {
                    restrictedCaller = null;
                }
            }
            listenerPhase = false;
            if (!ctx.isMetadataComplete()) {
                ctx.registrations.applyAnnotations();
            }
            ctx.registrations.initialize();
            ctx.security().start();
            ctx.sessions().start();
            move(State.STARTED);
            startedAt = System.currentTimeMillis();
        } catch (Exception | Error e) {
            // an application's Error (a listener's own, or a stack overflow) fails its start like an exception
            ctx.log("start of context " + ctx.displayPath() + " failed", e);
            stop();
            throw e instanceof ServletException se ? se : new ServletException("start of " + ctx.displayPath() + " failed", e);
        } finally {
            listenerPhase = false;
            Thread.currentThread().setContextClassLoader(old);
        }
    }

    /**
     * Waits (up to the grace period) for requests in service to end, then destroys servlets,
     * filters, sessions and tells context listeners in reverse order (Servlet 6.1 section 2.3.4).
     */
    void stop() {
        if (state == State.STOPPED) {
            return;
        }
        boolean wasInitialized = state == State.STARTED || state == State.STARTING;
        move(State.STOPPED);
        awaitIdle();
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ctx.getClassLoader());
        try {
            ctx.registrations.destroy();
            ctx.sessions().stop();
            if (wasInitialized) {
                List<ServletContextListener> ls = new ArrayList<>(ctx.listeners().context);
                Collections.reverse(ls);
                ServletContextEvent event = new ServletContextEvent(ctx.servletContext());
                for (ServletContextListener l : ls) {
                    try {
                        l.contextDestroyed(event);
                    } catch (RuntimeException e) {
                        ctx.log("contextDestroyed failed in " + l.getClass().getName(), e);
                    }
                }
            }
            ctx.components.destroyListeners(ctx::log);
        } finally {
            Thread.currentThread().setContextClassLoader(old);
            deleteScratch();
        }
    }

    private void deleteScratch() {
        try {
            ctx.attributes.deleteTempDir();
        } catch (java.io.IOException e) {
            LOG.log(Level.WARNING, "could not delete the temporary directory of " + ctx.displayPath(), e);
        }
    }

    // ---- draining ----

    void setStopGraceMillis(long millis) {
        stopGraceMillis = millis;
    }

    /** Requests being served (started and not ended), from the application's request counters. */
    long activeRequests() {
        return ctx.stats().requestCounters().active();
    }

    private void awaitIdle() {
        long deadline = System.currentTimeMillis() + stopGraceMillis;
        while (activeRequests() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (activeRequests() > 0) {
            ctx.log(activeRequests() + " request(s) still running after " + stopGraceMillis + " ms; stopping anyway");
        }
    }

    @Override
    public String toString() {
        return "ContextLifecycle[" + ctx.displayPath() + " " + state + ", " + activeRequests() + " request(s) in service]";
    }
}
