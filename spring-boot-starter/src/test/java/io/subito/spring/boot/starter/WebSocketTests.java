package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.subito.spring.boot.SubitoWebServer;
import io.subito.spring.boot.starter.ws.ChatApplication;
import io.subito.websocket.server.WsInitializer;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * spring-boot-starter-websocket on Subito: Spring's {@code @EnableWebSocket} handler, STOMP with
 * {@code @EnableWebSocketMessageBroker}, and a {@code @ServerEndpoint} exported by Spring, each
 * asked by the JDK's WebSocket client (STOMP as its text frames: Subito has no client container
 * for Spring's {@code StandardWebSocketClient}).
 */
@SpringBootTest(classes = ChatApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1"})
class WebSocketTests {
    @LocalServerPort
    int port;

    @Autowired
    ServletWebServerApplicationContext context;

    @Autowired
    ServletContext servletContext;

    /** The text messages one connection received, and how it was closed. */
    static final class Received implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        String next() throws InterruptedException {
            String m = messages.poll(30, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 30 s");
            }
            return m;
        }
    }

    private WebSocket open(String path, Received listener, String... headers) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.buildAsync(URI.create("ws://127.0.0.1:" + port + path), listener).get(30, TimeUnit.SECONDS);
    }

    private static void send(WebSocket ws, String text) throws Exception {
        ws.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    @Test
    void subitoServesTheApplicationWithItsServerContainerInTheServletContext() {
        assertThat(context.getWebServer()).isInstanceOf(SubitoWebServer.class);
        assertThat(servletContext.getAttribute(ServerContainer.class.getName())).isInstanceOf(ServerContainer.class);
        // the application exports a @ServerEndpoint, so the handshake filter is there for it
        assertThat(servletContext.getFilterRegistration(WsInitializer.FILTER_NAME)).isNotNull();
    }

    @Test
    void aTextWebSocketHandlerEchoesAndClosesWithItsStatus() throws Exception {
        Received r = new Received();
        WebSocket ws = open("/echo?room=7", r);
        send(ws, "hello");
        assertThat(r.next()).isEqualTo("echo: hello");
        send(ws, "x".repeat(5000));
        assertThat(r.next()).isEqualTo("echo: " + "x".repeat(5000));
        send(ws, "bye");
        assertThat(r.closed.get(30, TimeUnit.SECONDS)).isEqualTo("1000 bye");
    }

    @Test
    void theHandshakeSeesTheQueryAndTheHttpSessionOfItsCookie() throws Exception {
        HttpResponse<String> first = Http.get(port, "/visit");
        HttpResponse<String> second = Http.get(port, "/visit", "Cookie", first.headers().firstValue("Set-Cookie")
                .orElseThrow().split(";")[0]);
        assertThat(second.body()).isEqualTo("2");
        Received r = new Received();
        WebSocket ws = open("/echo?room=7", r, "Cookie", first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0]);
        send(ws, "who");
        assertThat(r.next()).isEqualTo("query=room=7 visits=2 protocol=");
        ws.abort();
    }

    @Test
    void aHandshakeForAPathWithoutAHandlerIsRefusedWith404() {
        assertThatThrownBy(() -> open("/nowhere", new Received()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(404));
    }

    @Test
    void aPlainGetOfTheWebSocketPathGetsSpringsUpgradeRequiredAnswer() throws Exception {
        HttpResponse<String> r = Http.get(port, "/echo");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Can \"Upgrade\" only to \"WebSocket\"");
    }

    @Test
    void aServerEndpointExportedBySpringAnswersWithItsPathParameter() throws Exception {
        Received r = new Received();
        WebSocket ws = open("/shout/ada", r);
        send(ws, "quiet please");
        assertThat(r.next()).isEqualTo("ada: QUIET PLEASE");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertThat(r.closed.get(30, TimeUnit.SECONDS)).startsWith("1000");
    }

    /** A STOMP 1.2 client speaking frames over the JDK's WebSocket client. */
    final class Stomp {
        final Received in = new Received();
        WebSocket ws;

        Stomp connect() throws Exception {
            ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("v12.stomp")
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/stomp"), in).get(30, TimeUnit.SECONDS);
            assertThat(ws.getSubprotocol()).isEqualTo("v12.stomp");
            send("CONNECT\naccept-version:1.2\nhost:127.0.0.1\n\n");
            assertThat(in.next()).startsWith("CONNECTED\n").contains("version:1.2");
            return this;
        }

        void send(String frame) throws Exception {
            ws.sendText(frame + "\0", true).get(10, TimeUnit.SECONDS);
        }

        /**
         * Subscribes to the greetings and waits until the broker has the subscription: the client's
         * frames are handled in order, so its own greeting coming back proves it.
         */
        Stomp subscribe(String name) throws Exception {
            send("SUBSCRIBE\nid:sub-0\ndestination:/topic/greetings\n\n");
            send("SEND\ndestination:/app/hello\ncontent-type:text/plain\n\n" + name);
            String m = in.next();
            while (!m.contains("Hello " + name + " over STOMP")) {
                m = in.next(); // another client's greeting that came first
            }
            return this;
        }
    }

    @Test
    void aStompMessageSentByOneClientReachesEverySubscriber() throws Exception {
        Stomp alice = new Stomp().connect().subscribe("alice");
        Stomp bob = new Stomp().connect().subscribe("bob");
        alice.send("SEND\ndestination:/app/hello\ncontent-type:text/plain\n\nAda");
        for (Stomp c : List.of(alice, bob)) {
            String m = c.in.next();
            while (m.contains("Hello bob over STOMP")) {
                m = c.in.next(); // alice also got bob's own greeting
            }
            assertThat(m).startsWith("MESSAGE\n").contains("destination:/topic/greetings").endsWith("Hello Ada over STOMP\0");
        }
        alice.send("DISCONNECT\nreceipt:bye-1\n\n");
        String m = alice.in.next();
        while (m.contains("Hello bob over STOMP")) {
            // bob's greeting may reach alice after Ada's: Spring's outbound thread pool keeps a
            // session's order only with setPreservePublishOrder, which this application does not set
            m = alice.in.next();
        }
        assertThat(m).startsWith("RECEIPT\n").contains("receipt-id:bye-1");
        bob.ws.abort();
    }

    @Test
    void aStompFrameWithAnUnknownCommandGetsAnErrorFrameThenTheClose() throws Exception {
        // the session's first frame: after a CONNECT, the thread that sent CONNECTED may still hold
        // Spring's send lock, and then Spring drops the ERROR frame and only closes (StompErrorRaceTests)
        Stomp c = new Stomp();
        c.ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("v12.stomp")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/stomp"), c.in).get(30, TimeUnit.SECONDS);
        c.send("SHOUT\ndestination:/app/hello\n\nx");
        assertThat(c.in.next()).startsWith("ERROR\n").contains("SHOUT");
        assertThat(c.in.closed.get(30, TimeUnit.SECONDS)).startsWith("1002");
    }
}
