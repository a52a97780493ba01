package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.spring.boot.starter.app.ShopApplication;
import io.subito.spring.boot.starter.app.SlowGate;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * {@code server.shutdown=graceful}: closing the application stops taking connections at once,
 * lets the request in flight finish, and only then completes.
 */
class GracefulShutdownTests {

    @Test
    void closingTheApplicationRefusesNewConnectionsAndLetsTheRequestInFlightFinish() throws Exception {
        ServletWebServerApplicationContext app = (ServletWebServerApplicationContext) new SpringApplicationBuilder(
                ShopApplication.class).properties("server.address=127.0.0.1", "server.port=0",
                        "server.shutdown=graceful", "spring.lifecycle.timeout-per-shutdown-phase=30s").run();
        int port = app.getWebServer().getPort();
        SlowGate gate = app.getBean(SlowGate.class);
        CompletableFuture<HttpResponse<String>> inFlight = Http.CLIENT.sendAsync(
                Http.request(port, "/slow").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(gate.entered.await(30, TimeUnit.SECONDS)).as("the request reached the controller").isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
        awaitRefused(port);
        assertThat(inFlight).isNotDone();
        assertThat(closing).isNotDone();

        gate.open.countDown();
        HttpResponse<String> r = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("finished");
        closing.get(30, TimeUnit.SECONDS);
        assertThat(app.isActive()).isFalse();
    }

    /** Waits until the listener is closed: a new connection is refused. */
    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                // a timeout or reset while closing: try again
            }
            Thread.sleep(20);
        }
        throw new AssertionError("port " + port + " still accepts connections during the graceful shutdown");
    }
}
