package io.subito.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** A real server on 127.0.0.1, port 0, in a temporary home, and an HTTP client for it. */
final class RunningServer implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final Path home;
    final Path webapps;
    final Server server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Starts with whatever {@code webapps/} holds; {@code extraConf} is appended to server.properties. */
    RunningServer(Path home, String extraConf) throws IOException {
        this.home = home;
        this.webapps = Files.createDirectories(home.resolve("webapps"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/server.properties"), """
                bind=127.0.0.1
                port=0
                threads=16
                scanIntervalMillis=200
                releaseGraceMillis=300
                """ + extraConf);
        server = new Server(ServerSettings.load(home, null, null),
                new SharedApiLoader(RunningServer.class.getClassLoader())).start();
    }

    RunningServer(Path home) throws IOException {
        this(home, "");
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
    }

    /** @param headers names and values, alternating */
    Reply get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    /** An {@code application/x-www-form-urlencoded} POST. */
    Reply post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
        return new Reply(res.statusCode(), res.body(), res);
    }

    Reply postForm(String path, String form) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
        return new Reply(res.statusCode(), res.body(), res);
    }

    /** Polls until a reply satisfies {@code ok} (the watcher deploys asynchronously); fails after a while. */
    Reply await(String path, Predicate<Reply> ok) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(path);
                if (ok.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // the server is there; a connection refused here would be a real failure below
            }
            Thread.sleep(50);
        }
        throw new AssertionError("GET " + path + " never gave the expected reply; last: "
                + (last == null ? "none" : last.status() + " " + last.body()) + "; failures: "
                + server.watcher().failures());
    }

    Reply awaitStatus(String path, int status) throws Exception {
        return await(path, r -> r.status() == status);
    }

    /** The first reply with that status to a request with these headers (names and values, alternating). */
    Reply awaitStatus(String path, int status, String... headers) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Reply r = get(path, headers);
            if (r.status() == status || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the watcher has recorded a failure for {@code file}, and returns its message. */
    String awaitFailure(String file) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String m = server.watcher().failures().get(webapps.resolve(file));
            if (m != null) {
                return m;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no failure recorded for " + file);
    }

    @Override
    public void close() {
        server.close();
    }
}
