package io.subito.websocket.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.websocket.it.WsTestServer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server that closes the session from another thread: the client's session is open until its
 * onClose has run (the Jakarta WebSocket TCK's close tests poll isOpen() and then look for what
 * onClose recorded; a client that reports closed first fails them now and then).
 */
class CloseOrderTest {
    static WsTestServer server;

    @ServerEndpoint("/closer-thread")
    public static class CloserThread {
        @OnMessage
        public void message(String m, Session s) {
            new Thread(() -> {
                try {
                    s.close();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).start();
        }
    }

    public static class Client extends Endpoint {
        volatile boolean closed;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed = true;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new WsTestServer(Set.of(CloserThread.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theClientsSessionIsOpenUntilItsOnCloseHasRun() throws Exception {
        WebSocketContainer c = ContainerProvider.getWebSocketContainer();
        for (int i = 0; i < 100; i++) {
            Client e = new Client();
            Session s = c.connectToServer(e, ClientEndpointConfig.Builder.create().build(), server.uri("/closer-thread"));
            assertTrue(!Thread.currentThread().isInterrupted(), "round " + i + ": interrupted after connecting");
            s.getBasicRemote().sendText("close");
            assertTrue(!Thread.currentThread().isInterrupted(), "round " + i + ": interrupted after sending");
            boolean wasOpen = s.isOpen();
            long end = System.nanoTime() + 10_000_000_000L;
            while (s.isOpen() && System.nanoTime() < end) {
                Thread.sleep(1);
            }
            assertTrue(e.closed, "round " + i + ": isOpen() false before onClose ran (" + s + "), open after sending: " + wasOpen);
        }
    }
}
