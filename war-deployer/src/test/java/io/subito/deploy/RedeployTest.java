package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changed WARs are redeployed, removed ones undeployed, and no request fails meanwhile. */
class RedeployTest {
    @TempDir
    Path home;

    @Test
    void aChangedWarIsRedeployedAndARemovedOneUndeployed() throws Exception {
        try (RunningServer s = new RunningServer(home)) {
            Path war = TestWars.declared("v1").writeTo(s.webapps.resolve("app.war"));
            assertEquals("v1 from /app tccl=true", s.awaitStatus("/app/greet", 200).body());
            Deployment first = s.server.deployer().deploymentAt("/app");
            assertEquals("", s.get("/app/plugins").body(), "its lib jar's initializer ran (and found no plugins)");
            assertTrue(openFilesUnder(first.dir()).size() > 0, "the running version holds its jar open");

            TestWars.declared("v2").writeTo(war);
            s.await("/app/greet", r -> r.body().startsWith("v2"));
            awaitGone(first.dir());
            assertEquals(List.of(), openFilesUnder(first.dir()), "the old version's jars and files are closed");

            Files.delete(war);
            s.awaitStatus("/app/greet", 404);
            assertTrue(s.server.deployer().deployments().isEmpty());
        }
    }

    @Test
    void aBrokenNewVersionLeavesTheOldOneServing() throws Exception {
        try (RunningServer s = new RunningServer(home)) {
            Path war = TestWars.declared("v1").writeTo(s.webapps.resolve("app.war"));
            s.awaitStatus("/app/greet", 200);
            TestWars.brokenWebXml().writeTo(war);
            assertTrue(s.awaitFailure("app.war").contains("web.xml"));
            assertEquals("v1 from /app tccl=true", s.get("/app/greet").body());
        }
    }

    @Test
    void redeployUnderContinuousLoadFailsNoRequest() throws Exception {
        try (RunningServer s = new RunningServer(home)) {
            Path war = TestWars.declared("v0").writeTo(s.webapps.resolve("app.war"));
            s.awaitStatus("/app/greet", 200);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger served = new AtomicInteger();
            Map<String, Integer> failures = new ConcurrentHashMap<>();
            List<Thread> clients = List.of(client(s, running, served, failures), client(s, running, served, failures));
            clients.forEach(Thread::start);
            for (int v = 1; v <= 3; v++) {
                TestWars.declared("v" + v).writeTo(war);
                String expected = "v" + v;
                s.await("/app/greet", r -> r.body().startsWith(expected));
            }
            running.set(false);
            for (Thread t : clients) {
                t.join();
            }
            assertTrue(served.get() > 0);
            assertEquals(Map.of(), failures, "requests that failed during redeploys (" + served + " served)");
        }
    }

    private static Thread client(RunningServer s, AtomicBoolean running, AtomicInteger served,
            Map<String, Integer> failures) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + s.server.port() + "/app/greet");
        return new Thread(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().matches("v\\d from /app tccl=true")) {
                        served.incrementAndGet();
                    } else {
                        failures.merge(r.statusCode() + " " + r.body(), 1, Integer::sum);
                    }
                } catch (Exception e) {
                    failures.merge(e.toString(), 1, Integer::sum);
                }
            }
        }, "load");
    }

    /** Files of this process open under {@code dir} (Linux: /proc/self/fd; elsewhere none are seen). */
    private static List<Path> openFilesUnder(Path dir) throws Exception {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(fds)) {
            return s.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd);
                } catch (Exception e) {
                    return fd; // closed meanwhile
                }
            }).filter(p -> p.startsWith(dir)).toList();
        }
    }

    private static void awaitGone(Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + RunningServer.PATIENCE.toNanos();
        while (Files.exists(dir) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(Files.exists(dir), "the replaced version's unpacked files are deleted after the grace period");
    }
}
