package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Started through the real server main: nothing is served before every app present at start has
 * deployed or failed (503 with Retry-After until then, never a 404 for an app still deploying),
 * a failed app answers 503 at its own path, and failOnDeployError makes the start fail.
 */
class ReadinessTest {
    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One request made while the server was starting: when, where, and what came back (-1: no connection). */
    record Probe(long startedAt, String path, int status, String retryAfter, String body) {
    }

    private Probe probe(int port, String path) throws InterruptedException {
        long t = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return new Probe(t, path, r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body());
        } catch (IOException notListeningYet) {
            return new Probe(t, path, -1, null, String.valueOf(notListeningYet));
        }
    }

    private void copyLoggingConf() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.copy(Path.of("..", "conf", "logging.properties"), home.resolve("conf/logging.properties"));
    }

    @Test
    void noRequestGets404ForAnAppThatIsStillDeployingAndTheBannerComesWhenAllAreUp() throws Exception {
        Path webapps = Files.createDirectories(home.resolve("webapps"));
        TestWars.slowToStart("root page", 0).writeTo(webapps.resolve("ROOT.war"));
        TestWars.slowToStart("fast page", 0).writeTo(webapps.resolve("fast.war"));
        TestWars.slowToStart("slow page", 1500).writeTo(webapps.resolve("slow.war"));
        TestWars.slowToStart("slower page", 4000).writeTo(webapps.resolve("slower.war"));
        List<String> paths = List.of("/", "/fast/", "/slow/", "/slower/", "/slower/index.html");
        List<Probe> probes = new CopyOnWriteArrayList<>();
        try (ServerProcess server = new ServerProcess(home, "")) {
            List<Thread> clients = new ArrayList<>();
            for (String path : paths) {
                Thread t = new Thread(() -> {
                    try {
                        // until a second after the banner: requests before, around and after it
                        while (server.bannerAt == 0 || System.nanoTime() - server.bannerAt < 1_000_000_000L) {
                            if (!server.process.isAlive()) {
                                return;
                            }
                            probes.add(probe(server.port, path));
                            Thread.sleep(25);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                t.start();
                clients.add(t);
            }
            String banner = server.awaitBanner();
            for (Thread t : clients) {
                t.join(60_000);
            }
            assertTrue(banner.contains("apps: /, /fast, /slow, /slower;"), banner);
            long served = probes.stream().filter(p -> p.status() == 200).count();
            long refusedWhileStarting = probes.stream().filter(p -> p.status() == 503).count();
            for (Probe p : probes) {
                assertTrue(p.status() == -1 || p.status() == 200 || p.status() == 503, "only 503 or the page itself: " + p);
                if (p.status() == 503) {
                    assertEquals(String.valueOf(StartupGate.RETRY_AFTER_SECONDS), p.retryAfter(), p.toString());
                    assertTrue(p.startedAt() < server.bannerAt, "no 503 once the banner is out: " + p);
                }
                if (p.startedAt() > server.bannerAt) {
                    assertEquals(200, p.status(), "everything is served once the banner is out: " + p);
                }
            }
            assertTrue(refusedWhileStarting > 0, "requests came while the slow apps were deploying: " + probes.size() + " probes");
            assertTrue(served >= paths.size(), "and each page was served after: " + probes.size() + " probes");
        }
    }

    @Test
    void aFailedAppAnswers503AtItsOwnPathAndTheBannerAndTheLogNameIt() throws Exception {
        copyLoggingConf();
        Path webapps = Files.createDirectories(home.resolve("webapps"));
        TestWars.slowToStart("root page", 0).writeTo(webapps.resolve("ROOT.war"));
        TestWars.slowToStart("good page", 0).writeTo(webapps.resolve("good.war"));
        TestWars.failingListener().writeTo(webapps.resolve("bad.war"));
        TestWars.errorOn("start").writeTo(webapps.resolve("worse.war"));
        try (ServerProcess server = new ServerProcess(home, "")) {
            String banner = server.awaitBanner();
            assertTrue(banner.contains("apps: /, /good;"), banner);
            assertTrue(banner.contains("FAILED: bad.war (/bad), worse.war (/worse)"), banner);
            for (String path : List.of("/bad", "/bad/", "/bad/index.html", "/worse/")) {
                Probe p = probe(server.port, path);
                assertEquals(503, p.status(), "not ROOT's 404: " + p);
            }
            assertEquals(404, probe(server.port, "/badness").status(), "ROOT still answers its own paths");
            assertEquals(200, probe(server.port, "/good/").status());
            assertEquals("root page", probe(server.port, "/").body());
            String log = server.serverLog();
            assertTrue(log.contains("deployment of bad.war failed") && log.contains("/bad answers 503 until a version of it deploys"), log);
            assertTrue(log.contains("deployment of worse.war failed") && log.contains("an Error from contextInitialized of /worse"), log);
            int code = server.stop();
            assertTrue(code == 143 || code == 0, "a graceful stop on SIGTERM: " + code + "\n" + server.text());
            assertTrue(server.awaitOutput("Subito stopped in"), server.text());
        }
    }

    @Test
    void failOnDeployErrorMakesTheStartExitWithCode4NamingTheApp() throws Exception {
        Path webapps = Files.createDirectories(home.resolve("webapps"));
        TestWars.slowToStart("good page", 0).writeTo(webapps.resolve("good.war"));
        TestWars.failingListener().writeTo(webapps.resolve("bad.war"));
        try (ServerProcess server = new ServerProcess(home, "failOnDeployError=true\n")) {
            assertEquals(Server.EXIT_DEPLOY_FAILED, server.awaitExit(), server.text());
            assertTrue(server.awaitOutput("1 app(s) failed to deploy: bad.war (/bad)"), server.text());
            assertFalse(server.text().contains("Subito serving"), server.text());
        }
    }

    @Test
    void withoutFailOnDeployErrorAFailedAppDoesNotStopTheStart() throws Exception {
        TestWars.failingListener().writeTo(Files.createDirectories(home.resolve("webapps")).resolve("bad.war"));
        try (ServerProcess server = new ServerProcess(home, "failOnDeployError=false\n")) {
            assertTrue(server.awaitBanner().contains("FAILED: bad.war (/bad)"));
            assertEquals(503, probe(server.port, "/bad/").status());
        }
    }

    @Test
    void aRequestCutByTheGracefulStopIsNamedInTheServerLog() throws Exception {
        copyLoggingConf();
        TestWars.blocking().writeTo(Files.createDirectories(home.resolve("webapps")).resolve("shop.war"));
        try (ServerProcess server = new ServerProcess(home, "shutdownGraceMillis=500\n")) {
            server.awaitBanner();
            Thread request = new Thread(() -> {
                try {
                    probe(server.port, "/shop/wait?order=7");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            request.start();
            awaitTheServletRunning(server);
            server.stop(); // SIGTERM, as bin/stop.sh
            request.join(30_000);
            String log = server.serverLog() + "\n" + server.text();
            Matcher m = Pattern.compile("stop cut GET /shop/wait \\(app /shop\\), running for (\\d+) ms").matcher(log);
            assertTrue(m.find(), "the log names the cut request:\n" + log);
            assertTrue(Long.parseLong(m.group(1)) >= 500, m.group());
        }
    }

    /** Waits until the blocking servlet has logged that it runs. */
    private static void awaitTheServletRunning(ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!server.serverLog().contains("request order=7 waits a minute")) {
            assertTrue(System.nanoTime() < deadline && server.process.isAlive(), "the request never reached the servlet:\n"
                    + server.serverLog() + server.text());
            Thread.sleep(20);
        }
    }
}
