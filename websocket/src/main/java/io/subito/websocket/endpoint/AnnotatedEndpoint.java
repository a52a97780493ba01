package io.subito.websocket.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.util.Map;

/**
 * An annotated endpoint instance seen as an {@link Endpoint}: onOpen registers a message handler
 * per {@code @OnMessage} method, which calls it with the message, the session and the path
 * parameters; a method's return value is sent back to the client (as {@code sendObject}).
 */
public final class AnnotatedEndpoint extends Endpoint {
    private final Object instance;
    private final EndpointModel model;

    public AnnotatedEndpoint(Object instance, EndpointModel model) {
        this.instance = instance;
        this.model = model;
    }

    public Object instance() {
        return instance;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        for (AnnotatedMethod m : model.onMessage) {
            register(session, m);
        }
        if (model.onOpen != null) {
            call(model.onOpen, session, config);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void register(Session session, AnnotatedMethod m) {
        Class type = Primitives.wrap(m.messageType());
        limit(session, m);
        if (m.partial) {
            session.addMessageHandler(type, (MessageHandler.Partial) (part, last) -> onMessage(session, m, part, last));
        } else {
            session.addMessageHandler(type, (MessageHandler.Whole) message -> onMessage(session, m, message, true));
        }
    }

    /**
     * {@code @OnMessage(maxMessageSize = n)}: a longer message of its kind closes the session with
     * 1009 (section 4.7.1), so it becomes the session's limit for text or binary messages.
     */
    private static void limit(Session session, AnnotatedMethod m) {
        if (m.maxMessageSize < 0 || m.messageType() == jakarta.websocket.PongMessage.class) {
            return;
        }
        int max = (int) Math.min(Integer.MAX_VALUE, m.maxMessageSize);
        if (m.binary) {
            session.setMaxBinaryMessageBufferSize(max);
        } else {
            session.setMaxTextMessageBufferSize(max);
        }
    }

    private void onMessage(Session session, AnnotatedMethod m, Object message, boolean last) {
        Object result;
        try {
            result = m.invoke(instance, session, session.getPathParameters(), null, message, last);
        } catch (Throwable t) {
            onError(session, t);
            return;
        }
        if (result != null && session.isOpen()) {
            try {
                session.getBasicRemote().sendObject(result);
            } catch (Exception e) {
                onError(session, e);
            }
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (model.onClose != null) {
            call(model.onClose, session, reason);
        }
    }

    @Override
    public void onError(Session session, Throwable t) {
        if (model.onError == null) {
            System.getLogger(AnnotatedEndpoint.class.getName()).log(System.Logger.Level.WARNING,
                    "WebSocket endpoint " + model.type.getName() + " has no @OnError method for", t);
            return;
        }
        try {
            model.onError.invoke(instance, session, session.getPathParameters(), t, null, true);
        } catch (Throwable e) {
            System.getLogger(AnnotatedEndpoint.class.getName()).log(System.Logger.Level.WARNING,
                    "@OnError of " + model.type.getName() + " failed", e);
        }
    }

    private void call(AnnotatedMethod m, Session session, Object special) {
        try {
            Map<String, String> path = session.getPathParameters();
            m.invoke(instance, session, path, special, null, true);
        } catch (Throwable t) {
            onError(session, t);
        }
    }
}
