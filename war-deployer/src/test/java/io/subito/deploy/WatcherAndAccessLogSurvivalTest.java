package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.ExecutionMode;
import io.subito.container.HttpServer;
import io.subito.container.LogCapture;
import io.subito.container.ServerConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployer's own threads outlive the Errors of what they run: the webapps/ watcher keeps
 * deploying after an app's Error (at start and at stop), and the access-log writer keeps writing
 * after a write that throws an Error.
 */
class WatcherAndAccessLogSurvivalTest {
    @TempDir
    Path home;

    @Test
    void anAppWhoseStartThrowsAnErrorFailsAloneAnswers503AndLaterWarsStillDeploy() throws Exception {
        try (LogCapture log = new LogCapture("io.subito"); RunningServer s = new RunningServer(home)) {
            TestWars.errorOn("start").writeTo(s.webapps.resolve("erring.war"));
            String why = s.awaitFailure("erring.war");
            assertTrue(why.contains("an Error from contextInitialized of /erring"), why);
            log.await("deployment of erring.war failed", "/erring answers 503");
            assertEquals(503, s.get("/erring/").status(), "its path says unavailable");
            TestWars.slowToStart("later page", 0).writeTo(s.webapps.resolve("later.war"));
            assertEquals("later page", s.awaitStatus("/later/", 200).body(), "the watcher still deploys");
        }
    }

    @Test
    void anErrorFromAnAppsContextDestroyedDoesNotStopTheWatcher() throws Exception {
        try (LogCapture log = new LogCapture("io.subito"); RunningServer s = new RunningServer(home)) {
            TestWars.errorOn("stop").writeTo(s.webapps.resolve("leaving.war"));
            s.awaitStatus("/leaving/", 200);
            Files.delete(s.webapps.resolve("leaving.war"));
            // the undeploy runs on the watcher's thread, and the app's Error reaches the watcher's guard
            log.await("the webapps/ watcher failed", "an Error from contextDestroyed of /leaving");
            s.awaitStatus("/leaving/", 404);
            TestWars.slowToStart("after page", 0).writeTo(s.webapps.resolve("after.war"));
            assertEquals("after page", s.awaitStatus("/after/", 200).body(), "the watcher still deploys");
            TestWars.slowToStart("after page 2", 0).writeTo(s.webapps.resolve("after.war"));
            assertEquals("after page 2", s.await("/after/", r -> r.body().equals("after page 2")).body(), "and redeploys");
        }
    }

    /** Fails (with what {@code error} makes) on a line for {@code /poison}; writes everything else. */
    static final class PoisonedWriter extends Writer {
        final StringWriter written = new StringWriter();
        private final Supplier<Error> error;

        PoisonedWriter(Supplier<Error> error) {
            this.error = error;
        }

        @Override
        public synchronized void write(char[] b, int off, int len) {
            String s = new String(b, off, len);
            if (s.contains("/poison")) {
                throw error.get();
            }
            written.write(s);
        }

        @Override
        public void write(String s) {
            write(s.toCharArray(), 0, s.length());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized String text() {
            return written.toString();
        }
    }

    @Test
    void theAccessLogKeepsWritingAfterAWriteThrowsAnError() throws Exception {
        for (Supplier<Error> error : java.util.List.<Supplier<Error>>of(() -> new OutOfMemoryError("writing the access log"),
                () -> new AssertionError("an Error while writing the access log"))) {
            PoisonedWriter out = new PoisonedWriter(error);
            AccessLog accessLog = new AccessLog(out);
            HttpServer engine = new HttpServer(new ServerConfig().port(0).loops(1).mode(ExecutionMode.POOL),
                    accessLog.around(ex -> ex.response().output().write("ok".getBytes(StandardCharsets.UTF_8))));
            engine.start();
            try (LogCapture log = new LogCapture("io.subito")) {
                HttpClient client = HttpClient.newHttpClient();
                for (String path : java.util.List.of("/before", "/poison", "/after-1", "/after-2")) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), path);
                    if (path.equals("/poison")) {
                        await(() -> !log.matching("the access-log writer").isEmpty() || out.text().contains("/poison"));
                    }
                }
                await(() -> out.text().contains("GET /after-2 "));
                assertTrue(out.text().contains("GET /before ") && out.text().contains("GET /after-1 "), out.text());
                String line = LogCapture.text(log.await("the access-log writer", "failed", "writing the access log"));
                assertTrue(line.contains("Error"), line);
            } finally {
                engine.stop();
                accessLog.close();
            }
        }
    }

    private static void await(Supplier<Boolean> done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.get()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
