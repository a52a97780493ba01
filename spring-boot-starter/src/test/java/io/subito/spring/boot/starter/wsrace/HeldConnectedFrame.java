package io.subito.spring.boot.starter.wsrace;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Makes a timing that a loaded machine produces now and then happen every time: the thread that
 * sent a STOMP session's CONNECTED frame keeps Spring's per-session send lock (its
 * {@code ConcurrentWebSocketSessionDecorator}) after the frame has left, until the session's
 * close is asked for. Outside the application's component scan; a test imports it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class HeldConnectedFrame implements WebSocketMessageBrokerConfigurer {
    /** Counted down when Spring asks for a session's close. */
    public static final CountDownLatch CLOSE_ASKED = new CountDownLatch(1);

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(handler -> new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                // Spring's sub-protocol handler keeps this session (in its send lock) for every later send
                super.afterConnectionEstablished(new HoldingSession(session));
            }
        });
    }

    static final class HoldingSession extends WebSocketSessionDecorator {
        HoldingSession(WebSocketSession session) {
            super(session);
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            super.sendMessage(message);
            if (message.getPayload().toString().startsWith("CONNECTED")) {
                try {
                    CLOSE_ASKED.await(30, TimeUnit.SECONDS); // the frame has left; the lock is still held
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close(CloseStatus status) throws IOException {
            CLOSE_ASKED.countDown();
            super.close(status);
        }
    }
}
