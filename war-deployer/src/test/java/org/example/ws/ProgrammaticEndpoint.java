package org.example.ws;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/** A programmatic endpoint, deployed by {@link WsAppConfig}. */
public class ProgrammaticEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(new Answer(session, config));
    }

    /** A named class (the test WAR holds nested classes, not anonymous ones); its message type comes from its generic interface. */
    static final class Answer implements MessageHandler.Whole<String> {
        private final Session session;
        private final EndpointConfig config;

        Answer(Session session, EndpointConfig config) {
            this.session = session;
            this.config = config;
        }

        @Override
        public void onMessage(String text) {
            session.getAsyncRemote().sendText("programmatic " + text + " " + config.getUserProperties().get("flavour"));
        }
    }
}
