package io.subito.servlet.async;

import io.subito.servlet.ServletHost;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.dispatch.DispatchPaths;
import io.subito.servlet.dispatch.Dispatcher;
import io.subito.servlet.dispatch.ErrorHandler;
import io.subito.servlet.nio.ListenerRunner;
import io.subito.servlet.request.AsyncHook;
import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.response.Response;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The async life of one request (Servlet 6.1 section 2.3.3.3). A dispatch or complete asked for
 * while a container dispatch is still running waits until it returns; the engine exchange is
 * completed exactly once, after the last dispatch.
 */
public final class AsyncState implements AsyncContext, AsyncHook {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "subito-async-timeout");
        t.setDaemon(true);
        return t;
    });

    private record Entry(AsyncListener listener, ServletRequest request, ServletResponse response) {
    }

    private final RequestState state;
    private final Request containerRequest;
    private final Response containerResponse;
    private final WebAppContext context;
    /** The context the request was routed to: it finishes the request. */
    private final WebAppContext rootContext;
    private ServletRequest request;
    private ServletResponse response;
    private boolean original;
    private final List<Entry> listeners = new ArrayList<>();
    private long timeout = 30_000;
    private ScheduledFuture<?> timer;
    private ListenerRunner runner;

    private boolean started;
    /**
     * What isAsyncStarted() reports: true from startAsync until the container dispatch that
     * called complete()/dispatch() returns (Servlet 6.1 javadoc of isAsyncStarted).
     */
    private boolean visiblyStarted;
    private boolean inDispatch = true;
    /** startAsync may be called once per container dispatch. */
    private boolean startedThisDispatch;
    private boolean completed;
    private boolean completePending;
    private Runnable pendingDispatch;

    private AsyncState(RequestState s, Request req, Response res) {
        this.state = s;
        this.containerRequest = req;
        this.containerResponse = res;
        this.context = s.context;
        this.rootContext = s.rootContext;
    }

    public static AsyncContext start(RequestState s, Request containerReq, ServletRequest request,
                                     ServletResponse response, boolean original) {
        if (!s.asyncSupported) {
            throw new IllegalStateException("async is not supported by every filter and servlet in this chain");
        }
        AsyncState a = (AsyncState) s.async;
        if (a == null) {
            a = new AsyncState(s, containerReq, (Response) s.responseFacade);
            s.async = a;
            s.exchange.startAsync();
        }
        a.restart(request, response, original);
        return a;
    }

    public static boolean isSupported(RequestState s) {
        return s.asyncSupported;
    }

    private void restart(ServletRequest req, ServletResponse res, boolean orig) {
        List<Entry> previous;
        synchronized (this) {
            if (completed || completePending) {
                throw new IllegalStateException("the async request has already completed");
            }
            if (startedThisDispatch || !inDispatch) {
                throw new IllegalStateException("startAsync called twice in one dispatch, or outside a dispatch");
            }
            if (containerResponse.state().output.isClosed()) {
                throw new IllegalStateException("the response has already been closed");
            }
            started = true;
            startedThisDispatch = true;
            visiblyStarted = true;
            request = req;
            response = res;
            original = orig || req == state.facade && res == state.responseFacade;
            previous = new ArrayList<>(listeners);
            listeners.clear();
        }
        for (Entry e : previous) {
            try {
                e.listener().onStartAsync(new AsyncEvent(this, e.request(), e.response()));
            } catch (java.io.IOException ex) {
                context.log("AsyncListener.onStartAsync failed", ex);
            }
        }
    }

    @Override
    public synchronized boolean isStarted() {
        return visiblyStarted;
    }

    /** Whether the request is still in its async life (not completed). */
    public synchronized boolean isActive() {
        return !completed;
    }

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

    private synchronized void checkActive() {
        if (completed) {
            throw new IllegalStateException("the async request has completed");
        }
    }

    @Override
    public synchronized boolean hasOriginalRequestAndResponse() {
        return original;
    }

    // ---- dispatch ----

    /**
     * Dispatches to the URI the request has now: for a request forwarded before startAsync that
     * is the forward's target and query, as Tomcat's dispatch() does through its wrapper.
     */
    @Override
    public void dispatch() {
        HttpServletRequest h = request instanceof HttpServletRequest r ? r : containerRequest;
        String uri = h.getRequestURI();
        String cp = h.getContextPath();
        String path = uri.startsWith(cp) ? uri.substring(cp.length()) : uri;
        String q = h.getQueryString();
        dispatch(context, q == null ? path : path + "?" + q);
    }

    @Override
    public void dispatch(String path) {
        dispatch(context, path);
    }

    @Override
    public void dispatch(ServletContext ctx, String path) {
        if (!(ctx instanceof WebAppContext target)) {
            throw new IllegalArgumentException("not a Subito context: " + ctx);
        }
        Runnable work = () -> runDispatch(target, path);
        boolean now;
        synchronized (this) {
            if (!started || completed || completePending || pendingDispatch != null) {
                throw new IllegalStateException("dispatch is not allowed now: async is not started or already ending");
            }
            started = false;
            cancelTimer();
            now = !inDispatch;
            if (!now) {
                pendingDispatch = work;
            } else {
                inDispatch = true;
                startedThisDispatch = false;
                visiblyStarted = false;
            }
        }
        if (now) {
            AppThreads.execute(() -> {
                work.run();
                dispatchReturned();
            });
        }
    }

    private void runDispatch(WebAppContext target, String path) {
        RequestState s = state;
        setAsyncAttributes(s);
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(target.getClassLoader());
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
    public void dispatchFailed(Throwable t) {
        fireError(t);
        synchronized (this) {
            if (completed || completePending || pendingDispatch != null) {
                return;
            }
        }
        ErrorHandler.exception(context, containerRequest, containerResponse, t);
        complete();
    }

    private synchronized boolean isEnding() {
        return completed || completePending;
    }

    private void setAsyncAttributes(RequestState s) {
        if (s.attributes.get(ASYNC_REQUEST_URI) != null) {
            return; // the values describe the original request, set once
        }
        put(s, ASYNC_REQUEST_URI, s.requestUri);
        put(s, ASYNC_CONTEXT_PATH, s.contextPath);
        put(s, ASYNC_SERVLET_PATH, s.servletPath);
        put(s, ASYNC_PATH_INFO, s.pathInfo);
        put(s, ASYNC_QUERY_STRING, s.queryString);
        put(s, ASYNC_MAPPING, s.match);
    }

    private static void put(RequestState s, String k, Object v) {
        if (v != null) {
            s.attributes.put(k, v);
        }
    }

    /**
     * Called on the container thread each time a dispatch (the original or an async one) returns:
     * runs what was asked for meanwhile, or completes, or starts the timeout.
     */
    public void dispatchReturned() {
        while (true) {
            Runnable next;
            boolean finish;
            synchronized (this) {
                inDispatch = false;
                next = null;
                finish = false;
                if (completed) {
                    return;
                }
                if (completePending) {
                    finish = true;
                    visiblyStarted = false;
                } else if (pendingDispatch != null) {
                    next = pendingDispatch;
                    pendingDispatch = null;
                    inDispatch = true;
                    startedThisDispatch = false;
                    visiblyStarted = false;
                } else if (!started) {
                    finish = true; // an async dispatch returned without startAsync: the request is done
                } else {
                    scheduleTimeout();
                    return;
                }
            }
            if (finish) {
                doComplete();
                return;
            }
            next.run();
        }
    }

    // ---- complete ----

    @Override
    public void complete() {
        boolean now;
        synchronized (this) {
            if (completed || completePending) {
                return;
            }
            if (!started && !inDispatch && pendingDispatch == null) {
                throw new IllegalStateException("async has not been started");
            }
            started = false;
            cancelTimer();
            now = !inDispatch;
            completePending = true;
            if (now) {
                inDispatch = true; // nothing else may run while completing
                visiblyStarted = false;
            }
        }
        if (now) {
            doComplete();
        }
    }

    private void doComplete() {
        List<Entry> ls;
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
            visiblyStarted = false;
            ls = new ArrayList<>(listeners);
        }
        for (Entry e : ls) {
            try {
                e.listener().onComplete(new AsyncEvent(this, e.request(), e.response()));
            } catch (Exception ex) {
                context.log("AsyncListener.onComplete failed", ex);
            }
        }
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(context.getClassLoader());
        try {
            rootContext.handler().finish(containerRequest, containerResponse);
            try {
                containerResponse.state().output.close();
            } catch (java.io.IOException ignored) {
                // the client went away; the exchange still completes
            }
        } catch (RuntimeException e) {
            context.log("finishing an async request failed", e);
        } finally {
            t.setContextClassLoader(old);
            ServletHost.completeAsync(state.exchange);
        }
    }

    // ---- timeout ----

    @Override
    public synchronized void setTimeout(long millis) {
        timeout = millis;
    }

    @Override
    public synchronized long getTimeout() {
        return timeout;
    }

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
        List<Entry> ls;
        synchronized (this) {
            if (!started || completed || completePending || inDispatch) {
                return;
            }
            inDispatch = true; // listeners' dispatch/complete wait for us like in a dispatch
            ls = new ArrayList<>(listeners);
        }
        for (Entry e : ls) {
            try {
                e.listener().onTimeout(new AsyncEvent(this, e.request(), e.response()));
            } catch (Exception ex) {
                context.log("AsyncListener.onTimeout failed", ex);
            }
        }
        boolean unhandled;
        synchronized (this) {
            unhandled = started && !completePending && pendingDispatch == null;
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
            synchronized (this) {
                started = false;
                visiblyStarted = false;
                completePending = true;
            }
        }
        dispatchReturned();
    }

    private void fireError(Throwable t) {
        List<Entry> ls;
        synchronized (this) {
            ls = new ArrayList<>(listeners);
        }
        for (Entry e : ls) {
            try {
                e.listener().onError(new AsyncEvent(this, e.request(), e.response(), t));
            } catch (Exception ex) {
                context.log("AsyncListener.onError failed", ex);
            }
        }
    }

    // ---- work and listeners ----

    @Override
    public void start(Runnable run) {
        checkActive();
        AppThreads.run(context.getClassLoader(), run, e -> context.log("async task failed", e));
    }

    @Override
    public void addListener(AsyncListener listener) {
        addListener(listener, request, response);
    }

    @Override
    public synchronized void addListener(AsyncListener listener, ServletRequest req, ServletResponse res) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        if (completed || !started && !inDispatch) {
            throw new IllegalStateException("listeners can only be added while async is started");
        }
        listeners.add(new Entry(listener, req, res));
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
        return context.createInstance(type);
    }

    @Override
    public synchronized ListenerRunner listenerRunner() {
        if (runner == null) {
            int generation = state.generation;
            runner = new ListenerRunner(context.getClassLoader(), () -> state.generation == generation && isActive(),
                    e -> context.log("read/write listener failed", e));
        }
        return runner;
    }

}
