package io.subito.servlet.async;

import io.subito.servlet.dispatch.DispatchPaths;
import io.subito.servlet.dispatch.DispatchTarget;
import io.subito.servlet.dispatch.Dispatcher;
import io.subito.servlet.dispatch.ErrorHandler;
import io.subito.servlet.nio.AppThreads;
import io.subito.servlet.nio.ListenerRunner;
import io.subito.servlet.request.AsyncHook;
import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.response.Response;
import io.subito.servlet.response.Responses;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The async life of one request (Servlet 6.1 section 2.3.3.3). A dispatch or complete asked for
 * while a container dispatch is still running waits until it returns; the engine exchange is
 * completed exactly once, after the last dispatch.
 *
 * <p>Its states and how they change: {@link AsyncStage}. Every change of state happens in {@link #move} under a private lock (the application holds
 * the {@link AsyncContext} and may synchronise on it); listeners and dispatches run outside it.
 */
public final class AsyncState implements AsyncHook {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "subito-async-timeout");
        t.setDaemon(true);
        return t;
    });

    /** Guards every field below; private, since applications may lock the AsyncContext they hold. */
    private final Object lock = new Object();
    private final AsyncContext api = new Api();
    private final RequestState state;
    private final Request containerRequest;
    private final Response containerResponse;
    /** The context startAsync was called in. */
    private final DispatchTarget context;
    private ServletRequest request;
    private ServletResponse response;
    private boolean original;
    private final AsyncListeners listeners = new AsyncListeners();
    private long timeout = 30_000;
    private ScheduledFuture<?> timer;
    private ListenerRunner runner;
    private AsyncStage current = AsyncStage.DISPATCHED;
    /** The dispatch asked for in DISPATCH_ASKED. */
    private Runnable pendingDispatch;

    private AsyncState(DispatchTarget context, RequestState s, Request req, Response res) {
        this.state = s;
        this.containerRequest = req;
        this.containerResponse = res;
        this.context = context;
    }

    /** startAsync in {@code context}, the context the request is in now. */
    public static AsyncContext start(DispatchTarget context, RequestState s, Request containerReq,
                                     ServletRequest request, ServletResponse response, boolean original) {
        if (!s.asyncSupported) {
            throw new IllegalStateException("async is not supported by every filter and servlet in this chain");
        }
        AsyncState a = (AsyncState) s.async;
        if (a == null) {
            a = new AsyncState(context, s, containerReq, (Response) s.responseFacade);
            s.async = a;
            s.exchange.startAsync();
        }
        a.restart(request, response, original);
        return a.api;
    }

    /** The one place the state changes (callers hold the lock). */
    private void move(AsyncStage next) {
        current = next;
    }

    private void restart(ServletRequest req, ServletResponse res, boolean orig) {
        AsyncListeners previous;
        synchronized (lock) {
            if (current.ending()) {
                throw new IllegalStateException("the async request has already completed");
            }
            if (current != AsyncStage.DISPATCHED) {
                throw new IllegalStateException("startAsync called twice in one dispatch, or outside a dispatch");
            }
            if (Responses.state(containerResponse).output.isClosed()) {
                throw new IllegalStateException("the response has already been closed");
            }
            move(AsyncStage.STARTED);
            request = req;
            response = res;
            original = orig || req == state.facade && res == state.responseFacade;
            previous = listeners.takeAll();
        }
        previous.fire(AsyncListeners.Event.START_ASYNC, api, null, context);
    }

    @Override
    public boolean isStarted() {
        synchronized (lock) {
            return current.visiblyStarted;
        }
    }

    @Override
    public boolean isActive() {
        synchronized (lock) {
            return current != AsyncStage.COMPLETED;
        }
    }

    @Override
    public AsyncContext asyncContext() {
        return api;
    }

    private void checkActive() {
        if (!isActive()) {
            throw new IllegalStateException("the async request has completed");
        }
    }

    // ---- dispatch ----

    private void dispatchToCurrentUri() {
        HttpServletRequest h = request instanceof HttpServletRequest r ? r : containerRequest;
        String uri = h.getRequestURI();
        String cp = h.getContextPath();
        String path = uri.startsWith(cp) ? uri.substring(cp.length()) : uri;
        String q = h.getQueryString();
        dispatch(context.servletContext(), q == null ? path : path + "?" + q);
    }

    private void dispatch(ServletContext ctx, String path) {
        DispatchTarget target = context.contextOf(ctx);
        if (target == null) {
            throw new IllegalArgumentException("not a context of this server: " + ctx);
        }
        Runnable work = () -> runDispatch(target, path);
        boolean now;
        synchronized (lock) {
            if (!current.started()) {
                throw new IllegalStateException("dispatch is not allowed now: async is not started or already ending");
            }
            cancelTimer();
            now = current == AsyncStage.WAITING;
            if (now) {
                move(AsyncStage.DISPATCHED);
            } else {
                pendingDispatch = work;
                move(AsyncStage.DISPATCH_ASKED);
            }
        }
        if (now) {
            AppThreads.execute(() -> {
                work.run();
                dispatchReturned();
            });
        }
    }

    private void runDispatch(DispatchTarget target, String path) {
        RequestState s = state;
        setAsyncAttributes(s);
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(target.classLoader());
        try {
            if (DispatchPaths.canonical(path.indexOf('?') < 0 ? path : path.substring(0, path.indexOf('?'))) == null) {
                throw new ServletException("invalid async dispatch path " + path);
            }
            Dispatcher.forPath(target, path).async(request, response);
        } catch (Throwable e) {
            dispatchFailed(e);
        } finally {
            t.setContextClassLoader(old);
        }
    }

    /**
     * An exception escaped a container dispatch after startAsync: AsyncListener.onError first;
     * unless a listener completed or dispatched, the error page is produced and the request completes.
     */
    @Override
    public void dispatchFailed(Throwable t) {
        fireError(t);
        synchronized (lock) {
            if (current.ending() || current == AsyncStage.DISPATCH_ASKED) {
                return;
            }
        }
        ErrorHandler.exception(context, containerRequest, containerResponse, t);
        complete();
    }

    private void setAsyncAttributes(RequestState s) {
        if (s.attributes.get(AsyncContext.ASYNC_REQUEST_URI) != null) {
            return; // the values describe the original request, set once
        }
        put(s, AsyncContext.ASYNC_REQUEST_URI, s.requestUri);
        put(s, AsyncContext.ASYNC_CONTEXT_PATH, s.contextPath);
        put(s, AsyncContext.ASYNC_SERVLET_PATH, s.servletPath);
        put(s, AsyncContext.ASYNC_PATH_INFO, s.pathInfo);
        put(s, AsyncContext.ASYNC_QUERY_STRING, s.queryString);
        put(s, AsyncContext.ASYNC_MAPPING, s.match);
    }

    private static void put(RequestState s, String k, Object v) {
        if (v != null) {
            s.attributes.put(k, v);
        }
    }

    /**
     * Called on the container thread each time a dispatch (the original or an async one) or the
     * timeout listeners return: runs what was asked for meanwhile, or completes, or starts the timeout.
     */
    @Override
    public void dispatchReturned() {
        while (true) {
            Runnable next = null;
            synchronized (lock) {
                switch (current) {
                    case COMPLETING, COMPLETED, WAITING -> {
                        return;
                    }
                    case STARTED, TIMING_OUT -> {
                        move(AsyncStage.WAITING);
                        scheduleTimeout();
                        return;
                    }
                    case DISPATCH_ASKED -> {
                        next = pendingDispatch;
                        pendingDispatch = null;
                        move(AsyncStage.DISPATCHED);
                    }
                    // an async dispatch returned without startAsync, or complete() was asked for
                    case DISPATCHED, COMPLETE_ASKED, COMPLETE_AT_RETURN -> move(AsyncStage.COMPLETING);
                }
            }
            if (next == null) {
                doComplete();
                return;
            }
            next.run();
        }
    }

    // ---- complete ----

    private void complete() {
        boolean now;
        synchronized (lock) {
            if (current.ending()) {
                return;
            }
            cancelTimer();
            now = current == AsyncStage.WAITING;
            if (now) {
                move(AsyncStage.COMPLETING); // nothing else may run while completing
            } else {
                move(current == AsyncStage.DISPATCHED ? AsyncStage.COMPLETE_AT_RETURN : AsyncStage.COMPLETE_ASKED);
            }
        }
        if (now) {
            doComplete();
        }
    }

    private void doComplete() {
        AsyncListeners ls;
        synchronized (lock) {
            if (current == AsyncStage.COMPLETED) {
                return;
            }
            move(AsyncStage.COMPLETED);
            pendingDispatch = null;
            ls = listeners.copy();
        }
        ls.fire(AsyncListeners.Event.COMPLETE, api, null, context);
        state.asyncCompletion.run(); // the host ends the request: listeners, error page, the exchange
    }

    // ---- timeout ----

    private void scheduleTimeout() {
        cancelTimer();
        if (timeout > 0) {
            timer = TIMER.schedule(() -> AppThreads.execute(this::onTimeout), timeout, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void onTimeout() {
        AsyncListeners ls;
        synchronized (lock) {
            if (current != AsyncStage.WAITING) {
                return;
            }
            move(AsyncStage.TIMING_OUT); // listeners' dispatch/complete wait for us like in a dispatch
            ls = listeners.copy();
        }
        ls.fire(AsyncListeners.Event.TIMEOUT, api, null, context);
        boolean unhandled;
        synchronized (lock) {
            unhandled = current == AsyncStage.TIMING_OUT;
        }
        if (unhandled) {
            // nobody answered the timeout: a 500 through the error pages, then complete (as Tomcat)
            try {
                if (!containerResponse.isCommitted()) {
                    containerResponse.sendError(500);
                }
            } catch (java.io.IOException | IllegalStateException ignored) {
                // committed meanwhile: just complete
            }
            synchronized (lock) {
                move(AsyncStage.COMPLETE_AT_RETURN);
            }
        }
        dispatchReturned();
    }

    private void fireError(Throwable t) {
        AsyncListeners ls;
        synchronized (lock) {
            ls = listeners.copy();
        }
        ls.fire(AsyncListeners.Event.ERROR, api, t, context);
    }

    @Override
    public ListenerRunner listenerRunner() {
        synchronized (lock) {
            if (runner == null) {
                int generation = state.generation;
                runner = new ListenerRunner(context.classLoader(), () -> state.generation == generation && isActive(),
                        e -> context.log("read/write listener failed", e));
            }
            return runner;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "AsyncState[" + current + (original ? ", original request and response" : "")
                    + ", timeout " + timeout + " ms, " + listeners.size() + " listener(s)]";
        }
    }

    /** The AsyncContext the application holds: the API only, no container method behind a cast. */
    private final class Api implements AsyncContext {
        @Override
        public ServletRequest getRequest() {
            checkActive();
            return request;
        }

        @Override
        public ServletResponse getResponse() {
            checkActive();
            return response;
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            synchronized (lock) {
                return original;
            }
        }

        /**
         * Dispatches to the URI the request has now: for a request forwarded before startAsync that
         * is the forward's target and query, as Tomcat's dispatch() does through its wrapper.
         */
        @Override
        public void dispatch() {
            dispatchToCurrentUri();
        }

        @Override
        public void dispatch(String path) {
            AsyncState.this.dispatch(context.servletContext(), path);
        }

        @Override
        public void dispatch(ServletContext ctx, String path) {
            AsyncState.this.dispatch(ctx, path);
        }

        @Override
        public void complete() {
            AsyncState.this.complete();
        }

        @Override
        public void start(Runnable run) {
            checkActive();
            AppThreads.run(context.classLoader(), run, e -> context.log("async task failed", e));
        }

        @Override
        public void addListener(AsyncListener listener) {
            addListener(listener, request, response);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest req, ServletResponse res) {
            if (listener == null) {
                throw new IllegalArgumentException("listener is null");
            }
            synchronized (lock) {
                if (current == AsyncStage.COMPLETED) {
                    throw new IllegalStateException("listeners can only be added while async is started");
                }
                listeners.add(listener, req, res);
            }
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
            return context.createInstance(type);
        }

        @Override
        public void setTimeout(long millis) {
            synchronized (lock) {
                timeout = millis;
            }
        }

        @Override
        public long getTimeout() {
            synchronized (lock) {
                return timeout;
            }
        }

        @Override
        public String toString() {
            return AsyncState.this.toString();
        }
    }
}
