package io.subito.container;

/**
 * What the engine calls for each request, in request order per connection. The response is
 * complete when {@code handle} returns, unless {@link HttpExchange#startAsync()} was called;
 * then it is complete when {@link HttpExchange#complete()} is. The exchange is the handler's until
 * then; afterwards its loop gives it to a later request of any of its connections, so a handler
 * must not keep it.
 */
@FunctionalInterface
public interface HttpHandler {
    void handle(HttpExchange exchange) throws Exception;
}
