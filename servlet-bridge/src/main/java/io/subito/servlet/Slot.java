package io.subito.servlet;

import io.subito.container.ExchangeLabel;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.response.ResponseState;

/**
 * The pooled request/response state kept on a connection via {@code HttpExchange.attach}; it
 * names the request's application when the engine logs about it (a request a stop cut).
 */
final class Slot implements ExchangeLabel {
    final RequestState request = new RequestState();
    final ResponseState response = new ResponseState(request);
    /** The context that served the current request, for finishing an async request. */
    WebAppContext context;

    @Override
    public String label() {
        WebAppContext c = context; // another thread asks: read once
        return c == null ? null : "app " + (c.getContextPath().isEmpty() ? "/" : c.getContextPath());
    }
}
