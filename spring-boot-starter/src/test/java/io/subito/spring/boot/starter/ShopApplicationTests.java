package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.spring.boot.SubitoWebServer;
import io.subito.spring.boot.starter.app.ShopApplication;
import io.subito.websocket.server.WsInitializer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A Spring MVC application with the Subito starter in place of Tomcat, started by Spring Boot's
 * test support on a random port and asked over real sockets.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "server.servlet.context-path=/shop",
    "server.servlet.application-display-name=The Shop",
    "server.servlet.session.cookie.name=SHOPSESSION",
    "server.servlet.session.cookie.same-site=strict",
    "server.mime-mappings.foo=application/x-foo",
    "server.max-http-request-header-size=4KB",
    "server.subito.threads=4",
    "spring.web.error.include-binding-errors=always",
    "server.subito.loops=1"})
@Import(ShopApplicationTests.Listener.class)
class ShopApplicationTests {
    @LocalServerPort
    int port;

    @Value("${local.server.port}")
    int localServerPort;

    @Autowired
    ServletWebServerApplicationContext context;

    @Autowired
    InitializedPorts initializedPorts;

    @TestConfiguration
    static class Listener {
        @Bean
        InitializedPorts initializedPorts() {
            return new InitializedPorts();
        }
    }

    static class InitializedPorts implements ApplicationListener<WebServerInitializedEvent> {
        final List<Integer> ports = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            ports.add(event.getWebServer().getPort());
        }
    }

    @Test
    void theApplicationIsServedBySubitoOnTheRandomPortItPublishes() {
        assertThat(context.getWebServer()).isInstanceOf(SubitoWebServer.class);
        assertThat(port).isPositive().isEqualTo(localServerPort).isEqualTo(context.getWebServer().getPort());
        assertThat(initializedPorts.ports).containsExactly(port);
    }

    @Test
    void aRestControllerAnswersJsonFromASubitoWorkerThread() throws Exception {
        HttpResponse<String> r = Http.get(port, "/shop/greeting?name=Ada", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).contains("\"message\":\"Hello, Ada\"").contains("\"server\":\"Subito/")
                .contains("\"thread\":\"subito-worker-");
    }

    @Test
    void theApplicationLivesUnderItsContextPathOnly() throws Exception {
        assertThat(Http.get(port, "/greeting").statusCode()).isEqualTo(404);
        assertThat(Http.get(port, "/shop/greeting").statusCode()).isEqualTo(200);
    }

    @Test
    void theServletContextCarriesTheApplicationDisplayName() throws Exception {
        assertThat(Http.get(port, "/shop/display-name").body()).isEqualTo("The Shop");
    }

    @Test
    void theSessionCookieHasTheConfiguredNameAndAttributesAndKeepsTheSession() throws Exception {
        HttpResponse<String> first = Http.get(port, "/shop/visits");
        assertThat(first.body()).isEqualTo("1");
        String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("SHOPSESSION=").contains("Path=/shop").containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(Http.get(port, "/shop/visits", "Cookie", cookie).body()).isEqualTo("2");
    }

    @Test
    void anUnknownPathGetsSpringBootsJsonErrorThroughTheErrorPage() throws Exception {
        HttpResponse<String> r = Http.get(port, "/shop/no-such-thing", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).contains("\"status\":404").contains("\"path\":\"/shop/no-such-thing\"");
    }

    @Test
    void anExceptionInAControllerGetsSpringBootsJsonError() throws Exception {
        HttpResponse<String> r = Http.get(port, "/shop/boom", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("\"error\":\"Internal Server Error\"").contains("\"path\":\"/shop/boom\"");
    }

    @Test
    void aBrowserGetsTheWhitelabelErrorPage() throws Exception {
        HttpResponse<String> r = Http.get(port, "/shop/no-such-thing", "Accept", "text/html");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("Whitelabel Error Page");
    }

    @Test
    void theWelcomePageIsServedAtTheContextRoot() throws Exception {
        HttpResponse<String> r = Http.get(port, "/shop/", "Accept", "text/html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Welcome to the shop");
    }

    @Test
    void aConfiguredMimeMappingTypesAStaticFile() throws Exception {
        HttpResponse<String> r = Http.get(port, "/shop/catalogue.foo");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-foo"));
    }

    @Test
    void aRequestHeadOverMaxHttpRequestHeaderSizeIsRefusedWith431() throws Exception {
        HttpResponse<String> small = Http.get(port, "/shop/greeting", "X-Padding", "a".repeat(3000));
        assertThat(small.statusCode()).isEqualTo(200);
        HttpResponse<String> large = Http.get(port, "/shop/greeting", "X-Padding", "a".repeat(5000));
        assertThat(large.statusCode()).isEqualTo(431);
    }

    @Test
    void servletFilterAndListenerRegistrationBeansAreServed() throws Exception {
        HttpResponse<String> r = Http.get(port, "/shop/legacy/anything");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("legacy servlet at /legacy, heard by a listener bean");
        assertThat(r.headers().firstValue("X-Filtered-By")).hasValue("registration bean");
        assertThat(Http.get(port, "/shop/greeting").headers().firstValue("X-Filtered-By")).hasValue("registration bean");
    }

    @Test
    void aServletFoundByServletComponentScanIsServed() throws Exception {
        HttpResponse<String> r = Http.get(port, "/shop/scanned");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("scanned servlet");
    }

    @Test
    void aDeferredResultIsCompletedFromAnotherThread() throws Exception {
        HttpResponse<String> r = Http.get(port, "/shop/deferred");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("answered on shop-async");
    }

    @Test
    void anSseEmitterStreamsItsEventsThenCompletes() throws Exception {
        HttpResponse<String> r = Http.get(port, "/shop/events", "Accept", "text/event-stream");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(r.body()).isEqualTo("event:tick\ndata:tick 1\n\nevent:tick\ndata:tick 2\n\nevent:tick\ndata:tick 3\n\n");
    }

    @Test
    void aMultipartUploadReachesTheController() throws Exception {
        String boundary = "----shop-boundary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"order.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "x".repeat(5000) + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = Http.CLIENT.send(Http.request(port, "/shop/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("order.txt: 5000 bytes");
    }

    @Test
    void theServerContainerIsThereButNoWebSocketFilterRunsInFrontOfRequests() {
        // the starter brings WebSocket; an application without endpoints pays nothing for it per request
        assertThat(context.getServletContext().getAttribute("jakarta.websocket.server.ServerContainer"))
                .isInstanceOf(jakarta.websocket.server.ServerContainer.class);
        assertThat(context.getServletContext().getFilterRegistration(WsInitializer.FILTER_NAME)).isNull();
    }

    @Test
    void aValidJsonOrderIsCreatedAndAnInvalidOneGetsSpringBootsValidationError() throws Exception {
        HttpResponse<String> ok = Http.CLIENT.send(Http.request(port, "/shop/orders")
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\",\"quantity\":2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.body()).isEqualTo("{\"item\":\"tea\",\"quantity\":2}");
        HttpResponse<String> bad = Http.CLIENT.send(Http.request(port, "/shop/orders")
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\",\"quantity\":0}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(bad.body()).contains("\"status\":400").contains("\"path\":\"/shop/orders\"")
                .contains("\"field\":\"quantity\"").contains("at least one is ordered").doesNotContain("\"field\":\"item\"");
    }

    @Test
    void aStreamingResponseEntityArrivesWholeAndInOrder() throws Exception {
        HttpResponse<java.util.stream.Stream<String>> r = Http.CLIENT.send(Http.request(port, "/shop/export?lines=5000").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(r.headers().firstValue("Transfer-Encoding")).as("larger than the response buffer: it streams").hasValue("chunked");
        List<String> lines = r.body().toList();
        assertThat(lines).hasSize(5000);
        assertThat(lines.get(0)).isEqualTo("line 1,item-1");
        assertThat(lines.get(4999)).isEqualTo("line 5000,item-5000");
    }
}
