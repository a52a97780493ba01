package io.subito.websocket.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.Subito;
import io.subito.servlet.security.LoginConfig;
import io.subito.servlet.security.PropertiesRealm;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.WebResourceCollection;
import io.subito.websocket.server.WsInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configurator, subprotocols, HTTP session and principal, async sends, coders, idle timeout and graceful stop, over real sockets. */
class SessionFeaturesTest {
    static Subito server;

    static class Login extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
            req.getSession().setAttribute("name", req.getParameter("name"));
            resp.getWriter().print("ok");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).realm(new PropertiesRealm().user("ann", "secret", "user"))
                .context("/app", ctx -> {
                    ctx.setLoginConfig(LoginConfig.basic("ws"));
                    ctx.addRoleDeclaration("user");
                    ctx.addSecurityConstraint(new SecurityConstraint(
                            List.of(new WebResourceCollection("secure", List.of("/secure/*"), null, null)), true, Set.of("user"), false));
                    ctx.addServlet("login", new Login()).addMapping("/login");
                    ctx.addServlet("manual", new HttpServlet() {
                        @Override
                        protected void service(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
                            var sc = (jakarta.websocket.server.ServerContainer) req.getServletContext()
                                    .getAttribute(jakarta.websocket.server.ServerContainer.class.getName());
                            try {
                                sc.upgradeHttpToWebSocket(req, resp, jakarta.websocket.server.ServerEndpointConfig.Builder
                                        .create(FeatureEndpoints.Manual.class, "/manual/{id}").build(), java.util.Map.of("id", "7"));
                            } catch (jakarta.websocket.DeploymentException e) {
                                throw new java.io.IOException(e);
                            }
                        }
                    }).addMapping("/manual/*");
                    ctx.addServletContainerInitializer(new WsInitializer(), Set.of(FeatureEndpoints.Configured.class,
                            FeatureEndpoints.Idle.class, FeatureEndpoints.Async.class, FeatureEndpoints.Points.class,
                            FeatureEndpoints.Streams.class));
                    ctx.addServletContainerInitializer((c, sc) -> {
                        jakarta.websocket.server.ServerContainer container = (jakarta.websocket.server.ServerContainer)
                                sc.getAttribute(jakarta.websocket.server.ServerContainer.class.getName());
                        try {
                            container.addEndpoint(jakarta.websocket.server.ServerEndpointConfig.Builder
                                    .create(FeatureEndpoints.Configured.class, "/secure/configured")
                                    .configurator(new FeatureEndpoints.Configurator()).subprotocols(List.of("chat.v1")).build());
                        } catch (jakarta.websocket.DeploymentException e) {
                            throw new jakarta.servlet.ServletException(e);
                        }
                    }, null);
                })
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/app" + path);
    }

    static final class Listener implements WebSocket.Listener {
        final LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            got.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            got.add("close " + code + " " + reason);
            return null;
        }

        String next() throws InterruptedException {
            String m = got.poll(20, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("nothing within 20 s");
            }
            return m;
        }
    }

    @Test
    void theConfiguratorSeesTheHttpSessionAndChoosesTheSubprotocolAndAnOriginIsRefused() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/app/login?name=ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("ok", r.body());
        Listener l = new Listener();
        WebSocket ws = http.newWebSocketBuilder().subprotocols("chat.v1", "chat.v2").buildAsync(uri("/configured"), l).get(20, TimeUnit.SECONDS);
        assertEquals("chat.v1", ws.getSubprotocol(), "the client's first choice the endpoint supports");
        ws.sendText("who", true).get(10, TimeUnit.SECONDS);
        assertEquals("protocol=chat.v1 session=ada principal=none user=none", l.next());
        ws.abort();
        Exception e = assertThrows(Exception.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://evil.example").buildAsync(uri("/configured"), new Listener()).get(20, TimeUnit.SECONDS));
        assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }

    @Test
    void anEndpointBehindBasicAuthenticationSeesThePrincipal() throws Exception {
        Listener l = new Listener();
        String auth = "Basic " + Base64.getEncoder().encodeToString("ann:secret".getBytes());
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", auth)
                .buildAsync(uri("/secure/configured"), l).get(20, TimeUnit.SECONDS);
        ws.sendText("who", true).get(10, TimeUnit.SECONDS);
        assertEquals("protocol= session=none principal=ann user=ann", l.next());
        ws.abort();
        Exception e = assertThrows(Exception.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri("/secure/configured"), new Listener()).get(20, TimeUnit.SECONDS));
        assertEquals(401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }

    @Test
    void asyncSendsWithAFutureAndASendHandlerAndSendObjectOfAPrimitive() throws Exception {
        Listener l = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri("/async"), l).get(20, TimeUnit.SECONDS);
        ws.sendText("x", true).get(10, TimeUnit.SECONDS);
        assertEquals("future x", l.next());
        assertEquals("handler x", l.next());
        assertEquals("42", l.next());
        ws.abort();
    }

    @Test
    void decodersAndEncodersTurnTextIntoObjectsAndBackAndADecodeFailureGoesToOnError() throws Exception {
        Listener l = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri("/points"), l).get(20, TimeUnit.SECONDS);
        ws.sendText("1, 2", true).get(10, TimeUnit.SECONDS);
        assertEquals("(2|3)", l.next());
        ws.sendText("not a point", true).get(10, TimeUnit.SECONDS);
        assertEquals("error: DecodeException", l.next());
        ws.abort();
    }

    @Test
    void upgradeHttpToWebSocketFromAServletGivesTheSessionItsPathParameters() throws Exception {
        Listener l = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri("/manual/anything"), l).get(20, TimeUnit.SECONDS);
        ws.sendText("hi", true).get(10, TimeUnit.SECONDS);
        assertEquals("manual 7 hi", l.next());
        ws.abort();
    }

    @Test
    void readerAndInputStreamHandlersReadTheMessageAsItArrives() throws Exception {
        Listener l = new Listener();
        java.util.concurrent.LinkedBlockingQueue<byte[]> bin = new java.util.concurrent.LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri("/streams"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                return l.onText(w, data, last);
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket w, java.nio.ByteBuffer data, boolean last) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                bin.add(b);
                w.request(1);
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        ws.sendText("x".repeat(300), true).get(10, TimeUnit.SECONDS);
        assertEquals("reader 300", l.next());
        ws.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {9, 8, 7}), true).get(10, TimeUnit.SECONDS);
        assertEquals("[3, 9]", java.util.Arrays.toString(bin.poll(20, TimeUnit.SECONDS)));
        // streamed while it arrives: a message far over the 64 KiB buffer limit, in fragments, is not refused
        for (int i = 0; i < 15; i++) {
            ws.sendText("y".repeat(100_000), false).get(10, TimeUnit.SECONDS);
        }
        ws.sendText("end", true).get(10, TimeUnit.SECONDS);
        assertEquals("reader 1500003", l.next());
        ws.sendText("after", true).get(10, TimeUnit.SECONDS);
        assertEquals("reader 5", l.next(), "the next message after the streamed one, in order");
        ws.abort();
    }

    @Test
    void anIdleSessionIsClosedWith1001AfterItsTimeout() throws Exception {
        Listener l = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri("/idle"), l).get(20, TimeUnit.SECONDS);
        ws.sendText("a", true).get(10, TimeUnit.SECONDS);
        assertEquals("a", l.next());
        String close = l.next();
        assertTrue(close.startsWith("close 1001"), close);
    }

    @Test
    void aGracefulStopClosesOpenSessionsWith1001() throws Exception {
        try (WsTestServer other = WsTestServer.standard()) {
            WsTestServer.Client c = new WsTestServer.Client(other.uri("/echo"));
            c.ws.sendText("before", true).get(10, TimeUnit.SECONDS);
            assertEquals("text:before", c.next());
            long t0 = System.nanoTime();
            other.close();
            String close = c.next();
            assertTrue(close.startsWith("close:1001"), close);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(8), "the stop did not wait out its grace period");
        }
    }
}
