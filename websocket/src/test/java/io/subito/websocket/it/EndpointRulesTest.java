package io.subito.websocket.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.Subito;
import io.subito.websocket.frame.ClientFrames;
import io.subito.websocket.handshake.WsExtension;
import io.subito.websocket.server.WsInitializer;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules of Jakarta WebSocket 2.2 over real sockets: a method's maxMessageSize, path parameters
 * named with braces, what the configurator is given, encoder failures of async sends, the local
 * close code of an idle timeout, and the halt of an application's deployment after an invalid
 * endpoint.
 */
class EndpointRulesTest {
    static Subito server;
    static final Map<String, String> REFUSALS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Invalid: two @OnOpen methods (overloads of one name). */
    @ServerEndpoint("/invalid")
    public static class TwoOpens {
        @OnOpen
        public void open(Session s) {
        }

        @OnOpen
        public void open(jakarta.websocket.EndpointConfig c) {
        }

        @OnMessage
        public String echo(String s) {
            return s;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0)
                .context("/app", ctx -> {
                    ctx.addServletContainerInitializer(new WsInitializer(), Set.of(RuleEndpoints.MaxLen.class,
                            RuleEndpoints.Braces.class, RuleEndpoints.Bombs.class, RuleEndpoints.IdleCode.class));
                    ctx.addServletContainerInitializer((c, sc) -> {
                        ServerContainer container = (ServerContainer) sc.getAttribute(ServerContainer.class.getName());
                        try {
                            container.addEndpoint(ServerEndpointConfig.Builder.create(RuleEndpoints.Params.class, "/params/{first}")
                                    .configurator(new RuleEndpoints.Recording())
                                    .extensions(List.of(WsExtension.of("x-endpoint-own", Map.of()))).build());
                        } catch (DeploymentException e) {
                            throw new jakarta.servlet.ServletException(e);
                        }
                    }, null);
                })
                .context("/halted", ctx -> {
                    ctx.addServletContainerInitializer(new WsInitializer(), Set.of(Endpoints.Echo.class));
                    // as a context listener may: the refusal is caught and the application starts anyway
                    ctx.addServletContainerInitializer((c, sc) -> {
                        ServerContainer container = (ServerContainer) sc.getAttribute(ServerContainer.class.getName());
                        try {
                            container.addEndpoint(TwoOpens.class);
                        } catch (DeploymentException e) {
                            REFUSALS.put("first", e.getMessage());
                        }
                        try {
                            container.addEndpoint(ServerEndpointConfig.Builder.create(RuleEndpoints.Params.class, "/later").build());
                        } catch (DeploymentException e) {
                            REFUSALS.put("later", e.getMessage());
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
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void aMessageOverTheMethodsMaxMessageSizeClosesTheSessionWith1009() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(uri("/app/maxlen"));
        c.ws.sendText("12345", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:12345", c.next());
        c.ws.sendText("123456", true).get(10, TimeUnit.SECONDS);
        String close = c.next();
        assertTrue(close.startsWith("close:1009"), close);
    }

    @Test
    void aPathParamNamedWithItsBracesGetsTheTemplateVariable() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(uri("/app/braces/blue"));
        c.ws.sendText("hi", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:param=blue hi", c.next());
        c.ws.abort();
    }

    @Test
    void theHandshakeParameterMapHoldsPathAndQueryParametersAndTheInstalledExtensionsIncludeTheEndpointsOwn() throws Exception {
        RuleEndpoints.SEEN.clear();
        // the JDK client cannot offer extensions: the raw client asks for one, so the configurator is asked
        try (RawWsClient raw = new RawWsClient(server.port())) {
            String head = raw.request(RawWsClient.handshake("/app/params/one?second=two", "Sec-WebSocket-Extensions: x-endpoint-own\r\n"));
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            raw.send(new ClientFrames().text("?").bytes());
            assertEquals("{first=[one], second=[two]}", raw.read().text());
        }
        assertEquals("installed [permessage-deflate, x-endpoint-own]", RuleEndpoints.SEEN.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void anEncoderThatThrowsFailsTheAsyncSendsFutureAndReachesItsSendHandler() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(uri("/app/bomb"));
        c.ws.sendText("go", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:future the encoder failed, handler ok=false the encoder failed", c.next());
        c.ws.abort();
    }

    @Test
    void anIdleTimeoutSends1001ToTheClientButTheEndpointsOnCloseHears1006() throws Exception {
        RuleEndpoints.SEEN.clear();
        WsTestServer.Client c = new WsTestServer.Client(uri("/app/idle-code"));
        String close = c.next();
        assertTrue(close.startsWith("close:1001"), close);
        assertEquals("idle closed 1006", RuleEndpoints.SEEN.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void anInvalidEndpointHaltsTheApplicationsWebSocketDeploymentEvenWhenItCatchesTheRefusal() throws Exception {
        assertTrue(REFUSALS.get("first").contains("two @OnOpen methods"), REFUSALS.get("first"));
        assertTrue(REFUSALS.get("later").contains("halted"), REFUSALS.get("later"));
        Exception e = assertThrows(Exception.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri("/halted/echo"), new java.net.http.WebSocket.Listener() { }).get(20, TimeUnit.SECONDS));
        WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(404, h.getResponse().statusCode(), "the valid endpoint added before is out of service too");
    }
}
