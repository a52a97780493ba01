package io.subito.websocket.server;

import io.subito.container.UpgradedConnection;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.request.Requests;
import jakarta.servlet.ServletRequest;
import java.util.function.Consumer;

/**
 * Asks the engine for the protocol hand-over of the request being served: when the servlet
 * returns, the 101 response leaves and {@code then} gets the raw connection. A wrapped request
 * (a filter's, Spring's) is unwrapped down to the container's own.
 */
final class EngineUpgrade {
    private EngineUpgrade() {
    }

    static void upgrade(ServletRequest request, Consumer<UpgradedConnection> then) {
        RequestState own = Requests.stateOf(request);
        if (own == null) {
            throw new IllegalStateException("not a request of this container: " + request.getClass().getName());
        }
        own.exchange.upgrade(then);
    }
}
