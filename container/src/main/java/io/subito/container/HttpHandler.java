package io.subito.container;

/**
 * What the engine calls for each request, in request order per connection. The response is
 * complete when {@code handle} returns, unless {@link HttpExchange#startAsync()} was called;
 * then it is complete when {@link HttpExchange#complete()} is.
 */
@FunctionalInterface
public interface HttpHandler {
    void handle(HttpExchange exchange) throws Exception;
}
