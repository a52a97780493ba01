package io.subito.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import example.boot.SubitoSettings;
import io.subito.spring.boot.SubitoWebServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The README's {@link SubitoSettings} in a Spring Boot application served by Subito on a random
 * port: its customizer runs after the {@code server.subito.*} properties, so the pool mode and
 * three loops set below give way to inline execution on two loops, which the thread that serves
 * each request shows.
 */
@SpringBootTest(classes = SubitoSettingsTest.App.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "server.subito.execution=pool",
    "server.subito.loops=3"})
class SubitoSettingsTest {
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    /** An application that includes the README's configuration, as a user's application would. */
    @SpringBootApplication
    @Import(SubitoSettings.class)
    @RestController
    static class App {
        @GetMapping("/thread")
        String thread() {
            return Thread.currentThread().getName();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void requestsAreServedInlineOnTheTwoSelectorLoopsTheCustomizerAsksFor() throws IOException {
        assertThat(context.getWebServer()).isInstanceOf(SubitoWebServer.class);
        // connections go to the loops in turn: six connections reach every loop there is, twice
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            threads.add(threadServingANewConnection());
        }
        assertThat(threads).allMatch(name -> name.startsWith("subito-loop-"), "served on a selector loop, not a worker")
                .containsOnly("subito-loop-0", "subito-loop-1");
    }

    /** One request on a connection of its own (the server closes it after the response). */
    private String threadServingANewConnection() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), SOCKET_TIMEOUT_MILLIS);
            s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write("GET /thread HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readToEnd(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 200 ").contains("\r\n\r\n");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
