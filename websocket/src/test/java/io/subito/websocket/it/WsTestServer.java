package io.subito.websocket.it;

import io.subito.servlet.Subito;
import io.subito.websocket.server.WsInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An embedded server on a free port with the test endpoints at /app, and a JDK WebSocket client that queues what it gets. */
public final class WsTestServer implements AutoCloseable {
    public final Subito server;

    public WsTestServer(Set<Class<?>> endpoints) throws Exception {
        server = Subito.builder().port(0)
                .context("/app", ctx -> ctx.addServletContainerInitializer(new WsInitializer(), endpoints))
                .start();
    }

    public static WsTestServer standard() throws Exception {
        return new WsTestServer(Set.of(Endpoints.Echo.class, Endpoints.Room.class, Endpoints.Lobby.class,
                Endpoints.Parts.class, Endpoints.Closer.class, Endpoints.Thrower.class, Endpoints.Small.class));
    }

    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/app" + path);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    /** A JDK client whose listener puts every event in a queue as "text:...", "binary:N", "close:CODE:reason". */
    public static final class Client implements WebSocket.Listener {
        public final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        public final WebSocket ws;
        private final StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        public volatile byte[] lastBinary;

        public Client(URI uri) throws Exception {
            this(uri, List.of());
        }

        public Client(URI uri, List<String> subprotocols) throws Exception {
            WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            if (!subprotocols.isEmpty()) {
                b.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(new String[0]));
            }
            ws = b.buildAsync(uri, this).get(20, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add("text:" + text);
                text.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket w, java.nio.ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.write(b, 0, b.length);
            if (last) {
                lastBinary = binary.toByteArray();
                events.add("binary:" + lastBinary.length);
                binary = new java.io.ByteArrayOutputStream();
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket w, java.nio.ByteBuffer message) {
            events.add("ping:" + java.nio.charset.StandardCharsets.UTF_8.decode(message));
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket w, java.nio.ByteBuffer message) {
            events.add("pong:" + java.nio.charset.StandardCharsets.UTF_8.decode(message));
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
            events.add("close:" + statusCode + ":" + reason);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            events.add("error:" + error);
        }

        public String next() throws InterruptedException {
            String e = events.poll(20, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no event from the server within 20 s");
            }
            return e;
        }
    }
}
