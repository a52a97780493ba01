package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** allowTrace in conf/server.properties reaches the deployed apps' host, over a real socket. */
class AllowTraceSettingTest {
    @TempDir
    Path home;

    private static HttpResponse<String> trace(RunningServer s, String path) throws Exception {
        // HTTP/1.1: the JDK client would otherwise upgrade to h2c, and the echo would say HTTP/2.0
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.server.port() + path))
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void traceIsRefusedUnlessTheServerAllowsIt() throws Exception {
        Files.createDirectories(home.resolve("webapps"));
        TestWars.annotated().writeTo(home.resolve("webapps/app.war"));
        try (RunningServer s = new RunningServer(home)) {
            HttpResponse<String> r = trace(s, "/app/hello");
            assertEquals(405, r.statusCode());
            assertEquals("GET, HEAD, POST, PUT, DELETE, OPTIONS", r.headers().firstValue("Allow").orElse(""));
        }
        try (RunningServer s = new RunningServer(home, "allowTrace=true\n")) {
            HttpResponse<String> r = trace(s, "/app/hello");
            assertEquals(200, r.statusCode());
            assertTrue(r.body().startsWith("TRACE /app/hello HTTP/1.1"), r.body());
        }
    }
}
