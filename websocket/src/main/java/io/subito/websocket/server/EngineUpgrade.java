package io.subito.websocket.server;

import io.subito.container.UpgradedConnection;
import io.subito.servlet.request.Request;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
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
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper w) {
            r = w.getRequest();
        }
        if (!(r instanceof Request own)) {
            throw new IllegalStateException("not a request of this container: " + request.getClass().getName());
        }
        own.state().exchange.upgrade(then);
    }
}
