package io.subito.websocket.session;

import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.util.Set;

/** What a session needs of the container that accepted it. */
public interface SessionOwner {
    WebSocketContainer container();

    /** The class loader the endpoint's callbacks run with (the webapp's). */
    ClassLoader loader();

    void opened(WsSession s);

    void closed(WsSession s);

    /** The open sessions of the same endpoint as {@code s}. */
    Set<Session> openSessions(WsSession s);
}
