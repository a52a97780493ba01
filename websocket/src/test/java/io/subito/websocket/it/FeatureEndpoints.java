package io.subito.websocket.it;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Endpoints for the configurator, subprotocols, HTTP session and principal, async sends, coders and the idle timeout. */
public final class FeatureEndpoints {
    private FeatureEndpoints() {
    }

    /** Refuses one origin, adds a response header, and hands the HTTP session and principal to the endpoint. */
    public static class Configurator extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String origin) {
            return !"http://evil.example".equals(origin);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            super.modifyHandshake(sec, request, response);
            response.getHeaders().put("X-Handshake", List.of("modified"));
            HttpSession http = (HttpSession) request.getHttpSession();
            sec.getUserProperties().put("http-session", http == null ? "none" : String.valueOf(http.getAttribute("name")));
            sec.getUserProperties().put("principal", String.valueOf(request.getUserPrincipal() == null ? "none" : request.getUserPrincipal().getName()));
            sec.getUserProperties().put("origin", String.valueOf(request.getHeaders().get("Origin")));
        }
    }

    @ServerEndpoint(value = "/configured", subprotocols = {"chat.v2", "chat.v1"}, configurator = Configurator.class)
    public static class Configured {
        @OnMessage
        public String message(Session s, String text) {
            java.util.Map<String, Object> p = s.getUserProperties();
            return "protocol=" + s.getNegotiatedSubprotocol() + " session=" + p.get("http-session")
                    + " principal=" + p.get("principal") + " user=" + (s.getUserPrincipal() == null ? "none" : s.getUserPrincipal().getName());
        }
    }

    /** Closes itself after 300 ms without messages. */
    @ServerEndpoint("/idle")
    public static class Idle {
        @OnOpen
        public void open(Session s) {
            s.setMaxIdleTimeout(300);
        }

        @OnMessage
        public String message(String text) {
            return text;
        }
    }

    /** Answers each message three ways: a Future, a SendHandler, sendObject. */
    @ServerEndpoint("/async")
    public static class Async {
        @OnMessage
        public void message(Session s, String text) throws Exception {
            s.getAsyncRemote().sendText("future " + text).get(10, TimeUnit.SECONDS);
            s.getAsyncRemote().sendText("handler " + text, (SendResult r) -> {
                if (r.isOK()) {
                    s.getAsyncRemote().sendObject(42);
                }
            });
        }
    }

    public record Point(int x, int y) {
    }

    public static class PointDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) throws DecodeException {
            String[] p = s.split(",");
            try {
                return new Point(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            } catch (RuntimeException e) {
                throw new DecodeException(s, "not a point", e);
            }
        }

        @Override
        public boolean willDecode(String s) {
            return s.contains(",");
        }
    }

    public static class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) throws EncodeException {
            return "(" + p.x() + "|" + p.y() + ")";
        }
    }

    @ServerEndpoint(value = "/points", decoders = PointDecoder.class, encoders = PointEncoder.class)
    public static class Points {
        @OnMessage
        public Point move(Point p) {
            return new Point(p.x() + 1, p.y() + 1);
        }

        @jakarta.websocket.OnError
        public void error(Session s, Throwable t) throws IOException {
            s.getBasicRemote().sendText("error: " + t.getClass().getSimpleName());
        }
    }

    /** Streaming handlers: a Reader for text, an InputStream for binary. */
    @ServerEndpoint("/streams")
    public static class Streams {
        @OnMessage
        public String text(java.io.Reader r) throws IOException {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[100];
            for (int n; (n = r.read(buf)) > 0; ) {
                b.append(buf, 0, n);
            }
            return "reader " + b.length();
        }

        @OnMessage
        public byte[] binary(java.io.InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            return new byte[] {(byte) all.length, all[0]};
        }
    }

    /** For upgradeHttpToWebSocket: says its path parameter. */
    public static class Manual extends jakarta.websocket.Endpoint {
        @Override
        public void onOpen(Session s, EndpointConfig config) {
            s.addMessageHandler(String.class, text -> s.getAsyncRemote().sendText("manual " + s.getPathParameters().get("id") + " " + text));
        }
    }
}
