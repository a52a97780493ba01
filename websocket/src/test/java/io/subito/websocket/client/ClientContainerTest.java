package io.subito.websocket.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.websocket.it.Endpoints;
import io.subito.websocket.it.WsTestServer;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpoint;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client container against the server over real sockets: annotated and programmatic client endpoints, refusals, a server endpoint that is a client itself. */
class ClientContainerTest {
    static WsTestServer server;
    static final BlockingQueue<String> GOT = new LinkedBlockingQueue<>();

    @ClientEndpoint
    public static class Annotated {
        @OnOpen
        public void open(Session s) {
            GOT.add("open");
        }

        @OnMessage
        public void text(String t) {
            GOT.add("text:" + t);
        }

        @OnMessage
        public void binary(byte[] b) {
            GOT.add("binary:" + b.length);
        }

        @OnClose
        public void close(CloseReason r) {
            GOT.add("close:" + r.getCloseCode().getCode());
        }
    }

    /** A server endpoint that connects as a client to the echo endpoint of its own server and reports the answer. */
    @ServerEndpoint("/relay")
    public static class Relay {
        @OnMessage
        public String relay(String text, Session s) throws Exception {
            WebSocketContainer c = ContainerProvider.getWebSocketContainer();
            BlockingQueue<String> answer = new LinkedBlockingQueue<>();
            URI echo = URI.create("ws://127.0.0.1:" + s.getRequestURI().getPort() + "/app/echo");
            try (Session out = c.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    session.addMessageHandler(String.class, answer::add);
                }
            }, ClientEndpointConfig.Builder.create().build(), echo)) {
                out.getBasicRemote().sendText(text);
                return "relayed " + answer.poll(20, TimeUnit.SECONDS);
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new WsTestServer(Set.of(Endpoints.Echo.class, Relay.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String next() throws InterruptedException {
        String e = GOT.poll(20, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("nothing within 20 s");
        }
        return e;
    }

    static boolean closesWithin20s(Session s) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (s.isOpen() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return !s.isOpen();
    }

    @Test
    void containerProviderGivesTheClientAndAnAnnotatedEndpointExchangesTextAndBinaryAndCloses() throws Exception {
        GOT.clear();
        WebSocketContainer c = ContainerProvider.getWebSocketContainer();
        assertInstanceOf(WsClientContainer.class, c);
        Session s = c.connectToServer(Annotated.class, server.uri("/echo"));
        assertEquals("open", next());
        s.getBasicRemote().sendText("hello");
        assertEquals("text:hello", next());
        byte[] big = new byte[50_000];
        new java.util.Random(1).nextBytes(big);
        s.getBasicRemote().sendBinary(ByteBuffer.wrap(big));
        assertEquals("binary:50000", next());
        s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "bye"));
        assertEquals("close:4001", next());
        assertTrue(Endpoints.await("echo-closed:4001"), "the server heard the client's code");
        assertTrue(closesWithin20s(s));
    }

    @Test
    void aProgrammaticEndpointOffersSubprotocolsAndItsConfiguratorSeesTheRequestAndTheResponse() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        ClientEndpointConfig cec = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("v1", "v2"))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("X-Client", List.of("subito"));
                        got.add("key " + (headers.get("Sec-WebSocket-Key").get(0).length() == 24));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse hr) {
                        got.add("accept " + !hr.getHeaders().get("Sec-WebSocket-Accept").isEmpty());
                    }
                }).build();
        Session s = new WsClientContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(ByteBuffer.class, b -> got.add("binary " + b.remaining()));
            }
        }, cec, server.uri("/echo"));
        assertEquals("key true", got.poll(20, TimeUnit.SECONDS));
        assertEquals("accept true", got.poll(20, TimeUnit.SECONDS));
        assertEquals("", s.getNegotiatedSubprotocol(), "the echo endpoint has no subprotocols");
        s.getAsyncRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3})).get(10, TimeUnit.SECONDS);
        assertEquals("binary 3", got.poll(20, TimeUnit.SECONDS));
        s.close();
    }

    @Test
    void aHandshakeTheServerRefusesIsADeploymentExceptionNamingTheStatus() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> new WsClientContainer().connectToServer(
                Annotated.class, server.uri("/no-such-endpoint")));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        DeploymentException scheme = assertThrows(DeploymentException.class, () -> new WsClientContainer().connectToServer(
                Annotated.class, URI.create("http://127.0.0.1:" + server.port() + "/app/echo")));
        assertTrue(scheme.getMessage().contains("ws: or wss:"), scheme.getMessage());
    }

    @Test
    void aServerEndpointConnectsToAnotherServerAsAClient() throws Exception {
        WsTestServer.Client c = new WsTestServer.Client(server.uri("/relay"));
        c.ws.sendText("ping", true).get(10, TimeUnit.SECONDS);
        assertEquals("text:relayed ping", c.next());
        c.ws.abort();
    }

    @Test
    void theClientsFramesAreMaskedAndItRefusesAMaskedServerFrame() throws Exception {
        // a masked frame from a "server": the client closes with 1002
        try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket so = fake.accept()) {
                    java.io.InputStream in = so.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        head.append((char) in.read());
                    }
                    String key = head.toString().lines().filter(l -> l.startsWith("Sec-WebSocket-Key:")).findFirst().orElseThrow()
                            .substring(18).trim();
                    so.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + io.subito.websocket.handshake.HandshakeCheck.accept(key) + "\r\n\r\n").getBytes());
                    byte[] frame = new io.subito.websocket.frame.ClientFrames().text("masked").bytes();
                    so.getOutputStream().write(frame);
                    // the client's answer: a masked close frame with 1002
                    int b0 = in.read();
                    int b1 = in.read();
                    byte[] mask = in.readNBytes(4);
                    byte[] body = in.readNBytes(b1 & 0x7F);
                    for (int i = 0; i < body.length; i++) {
                        body[i] ^= mask[i & 3];
                    }
                    GOT.add("fake got opcode " + (b0 & 0x0F) + " masked " + ((b1 & 0x80) != 0) + " code " + (((body[0] & 0xFF) << 8) | (body[1] & 0xFF)));
                } catch (Exception e) {
                    GOT.add("fake failed " + e);
                }
            });
            t.start();
            GOT.clear();
            Session s = new WsClientContainer().connectToServer(Annotated.class, URI.create("ws://127.0.0.1:" + fake.getLocalPort() + "/x"));
            assertEquals("open", next());
            // the client's onClose and what the fake server read may come in either order
            assertEquals(Set.of("close:1002", "fake got opcode 8 masked true code 1002"), Set.of(next(), next()));
            assertTrue(closesWithin20s(s), "closed once its onClose returned");
            t.join(20_000);
        }
    }

    /** Another WebSocket client an application could bring. */
    public static class OtherProvider extends ContainerProvider {
        static final WebSocketContainer OTHER = new WsClientContainer();

        @Override
        protected WebSocketContainer getContainer() {
            return OTHER;
        }
    }

    @Test
    void aClientTheApplicationBroughtComesBeforeTheContainersWhateverTheClassPathOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path f = dir.resolve("META-INF/services/jakarta.websocket.ContainerProvider");
        java.nio.file.Files.createDirectories(f.getParent());
        java.nio.file.Files.writeString(f, OtherProvider.class.getName() + "\n");
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        try (java.net.URLClassLoader app = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, old)) {
            t.setContextClassLoader(app); // the parent's file (this module's provider) is found first
            assertTrue(ContainerProvider.getWebSocketContainer() == OtherProvider.OTHER, "the application's client");
        } finally {
            t.setContextClassLoader(old);
        }
        assertInstanceOf(WsClientContainer.class, ContainerProvider.getWebSocketContainer(), "alone, the container's");
    }
}
