package io.subito.servlet.async;

import io.subito.servlet.lifecycle.AppScope;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The AsyncListeners of one request, each with the request and response it was added with. Not
 * synchronised: {@link AsyncState} changes it under its lock and notifies a {@link #copy()}
 * outside it, so that a listener may call back into the AsyncContext.
 */
final class AsyncListeners {
    enum Event { START_ASYNC, COMPLETE, TIMEOUT, ERROR }

    private record Entry(AsyncListener listener, ServletRequest request, ServletResponse response) {
    }

    private final List<Entry> entries;

    AsyncListeners() {
        this(new ArrayList<>());
    }

    private AsyncListeners(List<Entry> entries) {
        this.entries = entries;
    }

    void add(AsyncListener listener, ServletRequest request, ServletResponse response) {
        entries.add(new Entry(listener, request, response));
    }

    int size() {
        return entries.size();
    }

    /** The listeners as they are now, to notify outside the lock. */
    AsyncListeners copy() {
        return new AsyncListeners(new ArrayList<>(entries));
    }

    /** The listeners as they are now, and none left here (startAsync again: they are told, and must add themselves again). */
    AsyncListeners takeAll() {
        AsyncListeners all = copy();
        entries.clear();
        return all;
    }

    /**
     * Tells every listener, in the order they were added. A listener's failure is logged and
     * the others are still told; only an onStartAsync's unchecked exception reaches the caller
     * of startAsync, as it always has.
     */
    void fire(Event event, AsyncContext source, Throwable failure, AppScope app) {
        for (Entry e : entries) {
            AsyncEvent ev = failure == null ? new AsyncEvent(source, e.request(), e.response())
                    : new AsyncEvent(source, e.request(), e.response(), failure);
            try {
                switch (event) {
                    case START_ASYNC -> e.listener().onStartAsync(ev);
                    case COMPLETE -> e.listener().onComplete(ev);
                    case TIMEOUT -> e.listener().onTimeout(ev);
                    case ERROR -> e.listener().onError(ev);
                }
            } catch (IOException ex) {
                app.log(what(event) + " failed", ex);
            } catch (RuntimeException ex) {
                if (event == Event.START_ASYNC) {
                    throw ex;
                }
                app.log(what(event) + " failed", ex);
            }
        }
    }

    private static String what(Event event) {
        return switch (event) {
            case START_ASYNC -> "AsyncListener.onStartAsync";
            case COMPLETE -> "AsyncListener.onComplete";
            case TIMEOUT -> "AsyncListener.onTimeout";
            case ERROR -> "AsyncListener.onError";
        };
    }
}
