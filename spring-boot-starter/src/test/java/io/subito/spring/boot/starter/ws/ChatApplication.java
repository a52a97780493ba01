package io.subito.spring.boot.starter.ws;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with spring-boot-starter-websocket: a raw {@code TextWebSocketHandler}
 * ({@link EchoConfig}), STOMP with a simple broker ({@link StompConfig}) and a Jakarta
 * {@code @ServerEndpoint} exported by Spring ({@link AnnotatedEndpointConfig}).
 */
@SpringBootApplication
public class ChatApplication {
    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
