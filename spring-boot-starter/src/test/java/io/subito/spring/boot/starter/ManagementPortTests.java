package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.spring.boot.SubitoWebServer;
import io.subito.spring.boot.starter.app.ShopApplication;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Actuator on {@code management.server.port}: a second Subito server, for Spring Boot's child
 * management context, answers the endpoints; the application's port does not, and the
 * management port serves nothing of the application.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "management.server.port=0",
    "management.server.address=127.0.0.1",
    "management.endpoints.web.exposure.include=health,info"})
@Import(ManagementPortTests.Servers.class)
class ManagementPortTests {
    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    Servers servers;

    @TestConfiguration
    static class Servers implements ApplicationListener<WebServerInitializedEvent> {
        final Map<String, WebServer> byNamespace = new ConcurrentHashMap<>();

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            String ns = event.getApplicationContext().getServerNamespace();
            byNamespace.put(ns == null ? "application" : ns, event.getWebServer());
        }

        @Bean
        Servers servers() {
            return this;
        }
    }

    @Test
    void theManagementContextIsServedByASecondSubitoServerOnItsOwnPort() {
        assertThat(managementPort).isPositive().isNotEqualTo(port);
        assertThat(servers.byNamespace.get("management")).isInstanceOf(SubitoWebServer.class);
        assertThat(servers.byNamespace.get("management").getPort()).isEqualTo(managementPort);
        assertThat(servers.byNamespace.get("application")).isInstanceOf(SubitoWebServer.class);
    }

    @Test
    void healthAnswersOnTheManagementPortAndNotOnTheApplicationPort() throws Exception {
        HttpResponse<String> health = Http.get(managementPort, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(Http.get(port, "/actuator/health").statusCode()).isEqualTo(404);
    }

    @Test
    void theApplicationIsNotServedOnTheManagementPort() throws Exception {
        assertThat(Http.get(port, "/greeting").statusCode()).isEqualTo(200);
        assertThat(Http.get(managementPort, "/greeting").statusCode()).isEqualTo(404);
    }
}
