package example.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.servlet.Subito;
import io.subito.websocket.server.WsInitializer;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddedEchoTest {
    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String echo(String message) {
            return "echo: " + message;
        }
    }

    @Test
    void answersAWebSocketMessage() throws Exception {
        try (Subito server = Subito.builder()
                .port(0)
                .context("/app", ctx -> ctx.addServletContainerInitializer(new WsInitializer(), Set.of(Echo.class)))
                .start()) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/app/echo"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
            ws.sendText("hello", true);
            assertEquals("echo: hello", reply.get(30, TimeUnit.SECONDS));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
