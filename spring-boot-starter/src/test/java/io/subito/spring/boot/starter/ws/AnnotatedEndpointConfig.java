package io.subito.spring.boot.starter.ws;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

/** A Jakarta {@code @ServerEndpoint} that Spring's {@link ServerEndpointExporter} adds to the server container. */
@Configuration(proxyBeanMethods = false)
public class AnnotatedEndpointConfig {
    @Bean
    ServerEndpointExporter serverEndpointExporter() {
        return new ServerEndpointExporter();
    }

    @Bean
    Shout shout() {
        return new Shout();
    }

    /** {@code /shout/{who}}: answers in capitals, naming the path's {@code who}. */
    @ServerEndpoint("/shout/{who}")
    public static class Shout {
        @OnMessage
        public String shout(String message, @PathParam("who") String who) {
            return who + ": " + message.toUpperCase(java.util.Locale.ROOT);
        }
    }
}
