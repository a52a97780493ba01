package io.subito.servlet;

import io.subito.servlet.request.RequestState;
import io.subito.servlet.response.ResponseState;

/** The pooled request/response state kept on a connection via {@code HttpExchange.attach}. */
final class Slot {
    final RequestState request = new RequestState();
    final ResponseState response = new ResponseState(request);
    /** The context that served the current request, for finishing an async request. */
    WebAppContext context;
}
