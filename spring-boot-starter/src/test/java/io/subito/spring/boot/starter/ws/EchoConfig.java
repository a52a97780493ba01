package io.subito.spring.boot.starter.ws;

import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/** {@code /echo}: Spring's {@code @EnableWebSocket} with a text handler that answers every message. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class EchoConfig implements WebSocketConfigurer {
    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new Echo(), "/echo").addInterceptors(new HttpSessionHandshakeInterceptor());
    }

    /** {@code GET /visit}: counts visits in the HTTP session, which the handshake then sees. */
    @RestController
    public static class Visits {
        @GetMapping("/visit")
        public int visit(HttpSession session) {
            Integer n = (Integer) session.getAttribute("visits");
            int next = n == null ? 1 : n + 1;
            session.setAttribute("visits", next);
            return next;
        }
    }

    /** Answers "echo: TEXT"; "who" is answered with the session's query and its HTTP session attribute. */
    static final class Echo extends TextWebSocketHandler {
        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
            if (message.getPayload().equals("who")) {
                Map<String, Object> a = session.getAttributes();
                session.sendMessage(new TextMessage("query=" + session.getUri().getQuery() + " visits="
                        + a.get("visits") + " protocol=" + session.getAcceptedProtocol()));
                return;
            }
            if (message.getPayload().equals("bye")) {
                session.close(CloseStatus.NORMAL.withReason("bye"));
                return;
            }
            session.sendMessage(new TextMessage("echo: " + message.getPayload()));
        }
    }
}
