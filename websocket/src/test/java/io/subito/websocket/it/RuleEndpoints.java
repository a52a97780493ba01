package io.subito.websocket.it;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Endpoints for the rules of the specification: limits per method, path parameters, the handshake's view, failing encoders, idle close. */
public final class RuleEndpoints {
    /** What endpoints saw where the client cannot see it (an @OnClose's code). */
    public static final BlockingQueue<String> SEEN = new LinkedBlockingQueue<>();

    private RuleEndpoints() {
    }

    /** Messages over 5 bytes close the session with 1009. */
    @ServerEndpoint("/maxlen")
    public static class MaxLen {
        @OnMessage(maxMessageSize = 5)
        public String message(String text) {
            return text;
        }
    }

    /** The path parameter named with its braces, as in the template. */
    @ServerEndpoint("/braces/{param}")
    public static class Braces {
        @OnMessage
        public String message(String text, @PathParam("{param}") String param) {
            return "param=" + param + " " + text;
        }
    }

    /** Records what the configurator is given: the parameter map, the installed extensions. */
    public static class Recording extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            sec.getUserProperties().put("params", new java.util.TreeMap<>(request.getParameterMap()).toString());
        }

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            SEEN.add("installed " + installed.stream().map(Extension::getName).sorted().toList());
            return super.getNegotiatedExtensions(installed, requested);
        }
    }

    /** Says the handshake's parameter map. */
    public static class Params extends jakarta.websocket.Endpoint {
        @Override
        public void onOpen(Session s, jakarta.websocket.EndpointConfig config) {
            s.addMessageHandler(String.class, t -> s.getAsyncRemote().sendText(String.valueOf(s.getUserProperties().get("params"))));
        }
    }

    /** An object whose encoder throws. */
    public record Bomb() {
    }

    public static class BombEncoder implements Encoder.Text<Bomb> {
        @Override
        public String encode(Bomb b) throws EncodeException {
            throw new IllegalStateException("the encoder failed");
        }
    }

    /** Sends a Bomb both async ways and says how each failed. */
    @ServerEndpoint(value = "/bomb", encoders = BombEncoder.class)
    public static class Bombs {
        @OnMessage
        public String message(Session s, String text) throws Exception {
            String future;
            try {
                s.getAsyncRemote().sendObject(new Bomb()).get(10, TimeUnit.SECONDS);
                future = "future ok";
            } catch (ExecutionException e) {
                future = "future " + e.getCause().getMessage();
            }
            CompletableFuture<SendResult> r = new CompletableFuture<>();
            s.getAsyncRemote().sendObject(new Bomb(), r::complete);
            SendResult res = r.get(10, TimeUnit.SECONDS);
            return future + ", handler ok=" + res.isOK() + " " + res.getException().getMessage();
        }
    }

    /** Idle for 200 ms closes the session; its @OnClose records the code it got. */
    @ServerEndpoint("/idle-code")
    public static class IdleCode {
        @OnOpen
        public void open(Session s) {
            s.setMaxIdleTimeout(200);
        }

        @OnMessage
        public String message(String text) {
            return text;
        }

        @OnClose
        public void close(CloseReason r) {
            SEEN.add("idle closed " + r.getCloseCode().getCode());
        }
    }
}
