package io.subito.servlet;

import io.subito.container.ExchangeLabel;
import io.subito.container.HttpExchange;
import io.subito.servlet.lifecycle.RequestCounters;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.response.Response;
import io.subito.servlet.response.ResponseState;
import io.subito.servlet.response.Responses;

/**
 * The pooled request/response state kept on a connection via {@code HttpExchange.attach}; it
 * names the request's application when the engine logs about it (a request a stop cut), and
 * ends an async request when its async life has completed.
 */
final class Slot implements ExchangeLabel {
    final RequestState request = new RequestState();
    final ResponseState response = new ResponseState(request);
    /** The context that served the current request, for finishing an async request. */
    WebAppContext context;
    /** Given to each request as its {@code asyncCompletion}; made once per slot. */
    final Runnable asyncCompletion = this::completeAsync;
    /**
     * This slot's cells of the applications' request counters, one per application it served
     * (most recent first; a few at most: an application's cell is let go past {@link #MAX_CELLS}).
     */
    private RequestCounters.Cell[] cells = new RequestCounters.Cell[0];
    private static final int MAX_CELLS = 8;

    /** The cell this slot counts the requests of {@code ctx} in. */
    RequestCounters.Cell counts(WebAppContext ctx) {
        RequestCounters counters = ctx.stats().requestCounters();
        RequestCounters.Cell[] cs = cells;
        if (cs.length > 0 && cs[0].countsFor(counters)) {
            return cs[0];
        }
        return moveToFront(counters);
    }

    private RequestCounters.Cell moveToFront(RequestCounters counters) {
        RequestCounters.Cell[] cs = cells;
        int i = 0;
        while (i < cs.length && !cs[i].countsFor(counters)) {
            i++;
        }
        RequestCounters.Cell c;
        if (i < cs.length) {
            c = cs[i];
        } else {
            c = counters.cellFor(this);
            if (cs.length == MAX_CELLS) {
                cs[MAX_CELLS - 1].release(); // the least recently served application's
                i = MAX_CELLS - 1;
            } else {
                cs = java.util.Arrays.copyOf(cs, cs.length + 1);
                i = cs.length - 1;
            }
        }
        System.arraycopy(cs, 0, cs, 1, i);
        cs[0] = c;
        cells = cs;
        return c;
    }

    @Override
    public String label() {
        WebAppContext c = context; // another thread asks: read once
        return c == null ? null : "app " + (c.getContextPath().isEmpty() ? "/" : c.getContextPath());
    }

    /**
     * Ends a request whose async life completed: the context's end of request (a pending error
     * page, request listeners, sessions), the response closed, the slot recycled, the exchange completed.
     */
    private void completeAsync() {
        HttpExchange ex = request.exchange;
        WebAppContext ctx = context;
        Response res = (Response) request.responseFacade;
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(ctx.getClassLoader());
        try {
            ctx.handler().finish(request.facade, res);
            try {
                Responses.state(res).output.close();
            } catch (java.io.IOException ignored) {
                // the client went away; the exchange still completes
            }
        } catch (RuntimeException e) {
            ctx.log("finishing an async request failed", e);
        } finally {
            t.setContextClassLoader(old);
            ServletHost.recycle(this);
            ex.complete();
        }
    }
}
