package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.spring.boot.starter.app.ShopApplication;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Subito's meters through Actuator's metrics endpoint, after real requests over sockets. */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "management.endpoints.web.exposure.include=health,metrics"})
class MetricsTests {
    private static final Pattern VALUE = Pattern.compile("\"value\":([-0-9.E]+|\"NaN\")");

    @LocalServerPort
    int port;

    private double metric(String nameAndQuery) throws Exception {
        HttpResponse<String> r = Http.get(port, "/actuator/metrics/" + nameAndQuery);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Matcher m = VALUE.matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theMetricsEndpointListsSubitosMeters() throws Exception {
        String names = Http.get(port, "/actuator/metrics").body();
        for (String name : new String[] {"subito.connections.open", "subito.connections.accepted", "subito.connections.refused",
            "subito.requests", "subito.requests.refused", "subito.responses", "subito.bytes.received", "subito.bytes.sent",
            "subito.workers.active", "subito.workers.queued", "subito.app.requests", "subito.app.errors",
            "subito.sessions.active", "subito.sessions.created", "subito.sessions.expired"}) {
            assertThat(names).contains("\"" + name + "\"");
        }
    }

    @Test
    void connectionsRequestsBytesAndErrorsCountWhatWasServed() throws Exception {
        double requestsBefore = metric("subito.requests");
        double serverErrorsBefore = metric("subito.responses?tag=status:5xx");
        double sentBefore = metric("subito.bytes.sent");
        assertThat(Http.get(port, "/greeting").statusCode()).isEqualTo(200);
        assertThat(Http.get(port, "/boom").statusCode()).isEqualTo(500);
        assertThat(Http.get(port, "/no-such-page").statusCode()).isEqualTo(404);
        assertThat(Http.get(port, "/visits").statusCode()).isEqualTo(200);

        // the request asking is served on an open connection, by a worker
        assertThat(metric("subito.connections.open")).isGreaterThanOrEqualTo(1);
        assertThat(metric("subito.connections.accepted")).isGreaterThanOrEqualTo(1);
        assertThat(metric("subito.workers.active")).isGreaterThanOrEqualTo(1);
        assertThat(metric("subito.workers.queued")).isGreaterThanOrEqualTo(0);
        // four requests and the metric reads in between (counters never go back)
        assertThat(metric("subito.requests")).isGreaterThanOrEqualTo(requestsBefore + 4);
        assertThat(metric("subito.responses?tag=status:5xx")).isGreaterThanOrEqualTo(serverErrorsBefore + 1);
        assertThat(metric("subito.responses?tag=status:4xx")).isGreaterThanOrEqualTo(1);
        assertThat(metric("subito.app.errors")).isGreaterThanOrEqualTo(2);
        assertThat(metric("subito.bytes.sent")).isGreaterThan(sentBefore);
        assertThat(metric("subito.sessions.created")).isGreaterThanOrEqualTo(1);
        assertThat(metric("subito.sessions.active")).isGreaterThanOrEqualTo(1);
    }
}
