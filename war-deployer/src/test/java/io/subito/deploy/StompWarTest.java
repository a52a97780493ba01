package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.example.stomp.GreetingMessages;
import org.example.stomp.StompConfig;
import org.example.stomp.StompInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring STOMP-over-WebSocket WAR (spring-websocket, spring-messaging; Spring's standard upgrade
 * strategy calls ServerContainer.upgradeHttpToWebSocket) deployed by the real deployer, and two
 * STOMP clients speaking the protocol's frames over the JDK's WebSocket client.
 */
class StompWarTest {
    @TempDir
    static Path home;
    static RunningServer s;

    @BeforeAll
    static void start() throws Exception {
        WarBuilder war = new WarBuilder().webInfClasses(StompInitializer.class, StompConfig.class, GreetingMessages.class);
        try (Stream<Path> files = Files.list(Path.of("target/test-wars/spring"))) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
            assertFalse(jars.isEmpty(), "the build copies the Spring jars to target/test-wars/spring");
            for (Path jar : jars) {
                war.add("WEB-INF/lib/" + jar.getFileName(), Files.readAllBytes(jar));
            }
        }
        war.writeTo(Files.createDirectories(home.resolve("webapps")).resolve("stomp.war"));
        s = new RunningServer(home);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static final class Stomp implements WebSocket.Listener {
        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        WebSocket ws;

        Stomp connect() throws Exception {
            ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("v12.stomp")
                    .buildAsync(URI.create("ws://127.0.0.1:" + s.server.port() + "/stomp/stomp"), this).get(20, TimeUnit.SECONDS);
            send("CONNECT\naccept-version:1.2\nhost:127.0.0.1\n\n");
            String connected = next();
            assertTrue(connected.startsWith("CONNECTED"), connected);
            return this;
        }

        void send(String frame) throws Exception {
            ws.sendText(frame + "\0", true).get(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(text.toString());
                text.setLength(0);
            }
            w.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String f = frames.poll(30, TimeUnit.SECONDS);
            if (f == null) {
                throw new AssertionError("no STOMP frame within 30 s");
            }
            return f;
        }
    }

    @Test
    void aStompMessageSentByOneClientReachesEverySubscriber() throws Exception {
        s.awaitStatus("/stomp/nothing", 404);
        Stomp alice = new Stomp().connect();
        Stomp bob = new Stomp().connect();
        alice.send("SUBSCRIBE\nid:sub-0\ndestination:/topic/greetings\n\n");
        bob.send("SUBSCRIBE\nid:sub-0\ndestination:/topic/greetings\n\n");
        Thread.sleep(200); // SUBSCRIBE has no receipt unless asked; give the broker its turn
        alice.send("SEND\ndestination:/app/hello\ncontent-type:text/plain\n\nAda");
        for (Stomp c : List.of(alice, bob)) {
            String m = c.next();
            assertTrue(m.startsWith("MESSAGE"), m);
            assertTrue(m.contains("Hello Ada over STOMP"), m);
        }
        alice.send("DISCONNECT\n\n");
        bob.ws.abort();
    }
}
