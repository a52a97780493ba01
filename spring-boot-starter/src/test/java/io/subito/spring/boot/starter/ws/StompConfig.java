package io.subito.spring.boot.starter.ws;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP at {@code /stomp}, a simple broker on {@code /topic}, {@code /app} for the application's
 * {@code @MessageMapping}s; a client's frames are handled in the order it sent them, and a
 * session's messages are sent in the order they were published.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
public class StompConfig implements WebSocketMessageBrokerConfigurer {
    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/stomp");
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic");
        registry.setApplicationDestinationPrefixes("/app");
        // each session gets its messages in the order they were published (Spring's outbound
        // channel otherwise sends them from a thread pool: bob's greeting could reach alice after
        // a later one, which the test would read as a wrong answer)
        registry.setPreservePublishOrder(true);
    }

    /** SEND /app/hello with a name: every subscriber of /topic/greetings gets the greeting. */
    @Controller
    public static class Greetings {
        @MessageMapping("/hello")
        @SendTo("/topic/greetings")
        public String greet(String name) {
            return "Hello " + name + " over STOMP";
        }
    }
}
