package io.subito.spring.boot.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Actuator on the application's port, behind Spring Security's filter chain. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class ActuatorTests {
    @LocalServerPort
    int port;

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> r = new Browser(port).get("/actuator/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(r.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void subitosMetersAreAmongTheMetrics() throws Exception {
        new Browser(port).get("/api/greeting");
        HttpResponse<String> r = new Browser(port).get("/actuator/metrics/subito.requests");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"subito.requests\"").contains("\"statistic\":\"COUNT\"");
    }

    @Test
    void anEndpointNotExposedIsNotFound() throws Exception {
        assertThat(new Browser(port).get("/actuator/env").statusCode()).isEqualTo(404);
    }
}
