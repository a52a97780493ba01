package io.subito.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.subito.container.http.HttpLimits;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.error.ErrorPage;
import org.springframework.boot.web.server.GracefulShutdownResult;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.boot.web.server.servlet.ContextPath;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.http.HttpStatus;

/** The factory and its web server without the rest of Spring Boot, over real sockets. */
class SubitoServletWebServerFactoryTests {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private SubitoServletWebServerFactory factory;
    private WebServer server;

    /** GET /hello answers; GET /wait holds until released; GET /fail sends 503. */
    private final ServletContextInitializer app = ctx -> {
        ctx.addServlet("hello", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().print("hello from " + req.getServletContext().getServletContextName());
            }
        }).addMapping("/hello");
        ctx.addServlet("wait", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                resp.getWriter().print("released");
            }
        }).addMapping("/wait");
        ctx.addServlet("fail", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendError(503);
            }
        }).addMapping("/fail");
        ctx.addServlet("oops", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().print("error page for " + req.getAttribute("jakarta.servlet.error.status_code"));
            }
        }).addMapping("/oops");
    };

    @BeforeEach
    void localFactory() throws Exception {
        factory = new SubitoServletWebServerFactory(0);
        factory.setAddress(InetAddress.getByName("127.0.0.1"));
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.destroy();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theContextIsReadyBeforeStartAndThePortIsBoundByStart() throws Exception {
        factory.setContextPath("/app");
        factory.setDisplayName("App");
        server = factory.getWebServer(app);
        assertThat(server.getPort()).isEqualTo(-1);
        server.start();
        assertThat(server.getPort()).isPositive();
        HttpResponse<String> r = get("/app/hello");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello from App");
    }

    @Test
    void stopClosesTheListener() throws Exception {
        server = factory.getWebServer(app);
        server.start();
        int port = server.getPort();
        server.stop();
        assertThat(server.getPort()).isEqualTo(-1);
        assertThatThrownBy(() -> CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    @Test
    void aNegativePortRunsTheContextWithoutListening() {
        factory.setPort(-1);
        server = factory.getWebServer(app);
        server.start();
        assertThat(server.getPort()).isEqualTo(-1);
    }

    @Test
    void errorPagesByStatusAreForwardedTo() throws Exception {
        factory.addErrorPages(new ErrorPage(HttpStatus.SERVICE_UNAVAILABLE, "/oops"));
        server = factory.getWebServer(app);
        server.start();
        HttpResponse<String> r = get("/fail");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("error page for 503");
    }

    @Test
    void engineSettingsReachTheServer() throws Exception {
        factory.setEngineProperty("maxTargetLength", "64");
        server = factory.getWebServer(app);
        server.start();
        assertThat(get("/hello?q=" + "x".repeat(40)).statusCode()).isEqualTo(200);
        assertThat(get("/hello?q=" + "x".repeat(80)).statusCode()).isEqualTo(414);
    }

    @Test
    void customizersRunAfterTheEngineSettings() throws Exception {
        factory.setEngineProperty("maxTargetLength", "64");
        factory.addServerCustomizers(config -> {
            HttpLimits l = config.limits();
            config.limits(new HttpLimits(l.maxHeadBytes(), 128, l.maxHeaders(), l.maxChunkExtensionBytes(),
                    l.maxTrailerBytes()));
        });
        factory.addContextCustomizers(ctx -> ctx.setAttribute("customized", true));
        server = factory.getWebServer(app);
        server.start();
        assertThat(get("/hello?q=" + "x".repeat(80)).statusCode()).isEqualTo(200);
        assertThat(get("/hello?q=" + "x".repeat(150)).statusCode()).isEqualTo(414);
        SubitoWebServer subito = (SubitoWebServer) server;
        assertThat(subito.getServletHost().contexts().iterator().next().getAttribute("customized")).isEqualTo(true);
    }

    @Test
    void aBadEngineSettingFailsNamingTheKey() {
        factory.setEngineProperty("loops", "zero");
        assertThatThrownBy(() -> factory.getWebServer(app)).isInstanceOf(WebServerException.class)
                .hasMessageContaining("loops=zero is not a number");
    }

    @Test
    void aBadRequestLimitFailsNamingTheKey() {
        factory.setEngineProperty("maxFormBytes", "-1");
        assertThatThrownBy(() -> factory.getWebServer(app)).isInstanceOf(WebServerException.class)
                .hasMessageContaining("maxFormBytes=-1 is out of range");
    }

    @Test
    void anInitializerThatFailsFailsTheServerNamingTheContext() {
        factory.setContextPath("/broken");
        assertThatThrownBy(() -> factory.getWebServer(ctx -> {
            throw new ServletException("no database");
        })).isInstanceOf(WebServerException.class).hasMessageContaining("/broken").hasRootCauseMessage("no database");
    }

    @Test
    void aPortInUseIsReportedAsPortInUseException() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            factory.setPort(taken.getLocalPort());
            server = factory.getWebServer(app);
            assertThatThrownBy(server::start).isInstanceOf(PortInUseException.class)
                    .satisfies(e -> assertThat(((PortInUseException) e).getPort()).isEqualTo(taken.getLocalPort()));
        }
    }

    @Test
    void gracefulShutdownWithNothingInFlightIsIdle() throws Exception {
        factory.setShutdown(Shutdown.GRACEFUL);
        server = factory.getWebServer(app);
        server.start();
        get("/hello");
        CompletableFuture<GracefulShutdownResult> result = new CompletableFuture<>();
        server.shutDownGracefully(result::complete);
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(GracefulShutdownResult.IDLE);
    }

    @Test
    void gracefulShutdownPastItsGracePeriodReportsTheRequestStillActive() throws Exception {
        factory.setShutdown(Shutdown.GRACEFUL);
        factory.setShutdownGracePeriod(Duration.ofMillis(300));
        server = factory.getWebServer(app);
        server.start();
        CompletableFuture<HttpResponse<String>> held = CLIENT.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getPort() + "/wait")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<GracefulShutdownResult> result = new CompletableFuture<>();
        server.shutDownGracefully(result::complete);
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(GracefulShutdownResult.REQUESTS_ACTIVE);
        release.countDown();
        held.handle((r, e) -> null).get(30, TimeUnit.SECONDS);
    }

    @Test
    void immediateShutdownAnswersImmediate() throws Exception {
        server = factory.getWebServer(app);
        server.start();
        CompletableFuture<GracefulShutdownResult> result = new CompletableFuture<>();
        server.shutDownGracefully(result::complete);
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(GracefulShutdownResult.IMMEDIATE);
    }

    @Test
    void theContextPathComesFromTheSettings() {
        factory.getSettings().setContextPath(ContextPath.of("/shop"));
        assertThat(factory.getContextPath()).isEqualTo("/shop");
    }
}
