package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.example.ws.ChatEndpoint;
import org.example.ws.ContainerServlet;
import org.example.ws.ProgrammaticEndpoint;
import org.example.ws.WsAppConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket endpoints of WARs deployed by the real deployer, found through the WebSocket module's initializer. */
class WebSocketWarTest {
    @TempDir
    static Path home;
    static RunningServer s;

    @BeforeAll
    static void start() throws Exception {
        Path webapps = Files.createDirectories(home.resolve("webapps"));
        new WarBuilder().webInfClasses(ChatEndpoint.class, ContainerServlet.class).writeTo(webapps.resolve("chat.war"));
        new WarBuilder().webInfClasses(ChatEndpoint.class, ProgrammaticEndpoint.class, WsAppConfig.class)
                .writeTo(webapps.resolve("prog.war"));
        s = new RunningServer(home);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static final class Listener implements WebSocket.Listener {
        final BlockingQueue<String> got = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            got.add(data.toString());
            ws.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String m = got.poll(20, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 20 s");
            }
            return m;
        }
    }

    private WebSocket connect(String path, Listener l) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + s.server.port() + path), l).get(20, TimeUnit.SECONDS);
    }

    @Test
    void anAnnotatedEndpointOfADeployedWarAnswersWithTheAppsClassLoader() throws Exception {
        assertEquals("ServerContainer present", s.awaitStatus("/chat/container", 200).body());
        Listener l = new Listener();
        WebSocket ws = connect("/chat/chat/ada", l);
        assertEquals("welcome ada", l.next());
        ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertEquals("ada said hello (app loader true)", l.next());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    @Test
    void aServerApplicationConfigDeploysAProgrammaticEndpointBesideTheAnnotatedOnes() throws Exception {
        s.awaitStatus("/prog/nothing", 404);
        Listener l = new Listener();
        WebSocket ws = connect("/prog/prog", l);
        ws.sendText("hi", true).get(10, TimeUnit.SECONDS);
        assertEquals("programmatic hi vanilla", l.next());
        Listener chat = new Listener();
        connect("/prog/chat/bob", chat);
        assertEquals("welcome bob", chat.next());
        ws.abort();
    }
}
