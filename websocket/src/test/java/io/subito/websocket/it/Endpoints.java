package io.subito.websocket.it;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Annotated endpoints the socket tests talk to. */
public final class Endpoints {
    /** What the endpoints saw, for the tests to assert on. */
    public static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    private Endpoints() {
    }

    /** Waits for an event equal to {@code expected} (other tests' events are skipped); false after 20 s. */
    public static boolean await(String expected) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            String e = EVENTS.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (expected.equals(e)) {
                return true;
            }
        }
        return false;
    }

    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String text(String message) {
            return message;
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer message) {
            return message;
        }

        @OnMessage
        public void pong(PongMessage pong) {
            EVENTS.add("pong:" + java.nio.charset.StandardCharsets.UTF_8.decode(pong.getApplicationData()));
        }

        @OnClose
        public void close(CloseReason reason) {
            EVENTS.add("echo-closed:" + reason.getCloseCode().getCode());
        }
    }

    @ServerEndpoint("/rooms/{room}/users/{user}")
    public static class Room {
        private String greeting;

        @OnOpen
        public void open(Session session, EndpointConfig config, @PathParam("room") String room, @PathParam("user") int user) {
            greeting = "room " + room + " user " + user + " " + session.getRequestParameterMap().get("q");
        }

        @OnMessage
        public void message(Session session, String text) throws IOException {
            session.getBasicRemote().sendText(greeting + ": " + text + " (open " + session.getOpenSessions().size() + ")");
        }

        @OnError
        public void error(Throwable t) {
            EVENTS.add("room-error:" + t);
        }
    }

    @ServerEndpoint("/rooms/lobby/users/{user}")
    public static class Lobby {
        @OnMessage
        public String message(@PathParam("user") String user, String text) {
            return "lobby " + user + ": " + text;
        }
    }

    /** Partial text: answers with the number of parts once the message has ended. */
    @ServerEndpoint("/parts")
    public static class Parts {
        private int parts;
        private final StringBuilder text = new StringBuilder();

        @OnMessage
        public void part(Session s, String part, boolean last) throws IOException {
            parts++;
            text.append(part);
            if (last) {
                s.getBasicRemote().sendText(parts + " parts, " + text.length() + " chars");
                parts = 0;
                text.setLength(0);
            }
        }
    }

    /** Closes the session itself when told to. */
    @ServerEndpoint("/closer")
    public static class Closer {
        @OnMessage
        public void message(Session s, String text) throws IOException {
            s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(text)), "as asked"));
        }

        @OnClose
        public void closed(CloseReason r) {
            EVENTS.add("closer-closed:" + r.getCloseCode().getCode());
        }
    }

    /** Throws from onMessage: onError hears it, the session stays open. */
    @ServerEndpoint("/thrower")
    public static class Thrower {
        @OnMessage
        public String message(String text) {
            if (text.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            return "ok " + text;
        }

        @OnError
        public void error(Session s, Throwable t) throws IOException {
            s.getBasicRemote().sendText("error " + t.getMessage());
        }
    }

    /** Takes text messages of at most 10 bytes. */
    @ServerEndpoint("/small")
    public static class Small {
        @OnOpen
        public void open(Session s) {
            s.setMaxTextMessageBufferSize(10);
        }

        @OnMessage
        public String message(String text) {
            return text;
        }
    }
}
