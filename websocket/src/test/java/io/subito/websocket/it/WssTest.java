package io.subito.websocket.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.tls.TestCertificates;
import io.subito.container.tls.TlsSettings;
import io.subito.servlet.Subito;
import io.subito.websocket.client.WsClientContainer;
import io.subito.websocket.server.WsInitializer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wss:}: WebSocket over the HTTPS listener (the upgrade's direct I/O through the TLS transport), with the JDK client and the container's own. */
class WssTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Subito server;

    /** Says whether the session is secure and its URI, then echoes. */
    @ServerEndpoint("/secure-echo")
    public static class SecureEcho {
        @jakarta.websocket.OnOpen
        public void open(Session s) throws java.io.IOException {
            s.getBasicRemote().sendText("secure=" + s.isSecure() + " " + s.getRequestURI().getScheme());
        }

        @OnMessage
        public String text(String t) {
            return t;
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer b) {
            return b;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir);
        TestCertificates.Server host = certs.server("localhost", "EC");
        server = Subito.builder().port(-1).https(0, TlsSettings.pem(host.certificate(), host.key()))
                .context("/app", ctx -> ctx.addServletContainerInitializer(new WsInitializer(), Set.of(SecureEcho.class)))
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static URI uri() {
        return URI.create("wss://localhost:" + server.httpsPort() + "/app/secure-echo");
    }

    @Test
    void theJdkClientTalksOverWssWithTextAndABinaryMessageOfManyTlsRecords() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(uri(), new WebSocket.Listener() {
            StringBuilder text = new StringBuilder();

            @Override
            public java.util.concurrent.CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    got.add(text.toString());
                    text.setLength(0);
                }
                w.request(1);
                return null;
            }

            @Override
            public java.util.concurrent.CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                bin.write(b, 0, b.length);
                if (last) {
                    got.add("binary " + bin.size());
                }
                w.request(1);
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        assertEquals("secure=true wss", got.poll(20, TimeUnit.SECONDS));
        ws.sendText("over tls", true).get(10, TimeUnit.SECONDS);
        assertEquals("over tls", got.poll(20, TimeUnit.SECONDS));
        byte[] big = new byte[60_000]; // several TLS records each way
        new Random(7).nextBytes(big);
        ws.sendBinary(ByteBuffer.wrap(big), true).get(10, TimeUnit.SECONDS);
        assertEquals("binary 60000", got.poll(20, TimeUnit.SECONDS));
        assertTrue(java.util.Arrays.equals(big, bin.toByteArray()), "the echo is byte for byte the message");
        ws.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void theContainersClientConnectsOverWssWithTheConfigurationsSslContext() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().sslContext(certs.clientContext()).build();
        try (Session s = new WsClientContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, got::add);
            }
        }, cec, uri())) {
            assertEquals("secure=true wss", got.poll(20, TimeUnit.SECONDS));
            assertTrue(s.isSecure());
            s.getBasicRemote().sendText("client over tls");
            assertEquals("client over tls", got.poll(20, TimeUnit.SECONDS));
        }
        // the default trust does not know the test CA: refused, naming the cause
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> new WsClientContainer().connectToServer(
                new Endpoint() {
                    @Override
                    public void onOpen(Session session, EndpointConfig config) {
                    }
                }, ClientEndpointConfig.Builder.create().build(), uri()));
        assertTrue(e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException, String.valueOf(e));
    }
}
