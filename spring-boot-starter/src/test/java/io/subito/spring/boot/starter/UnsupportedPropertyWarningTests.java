package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.spring.boot.starter.app.ShopApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A property Subito cannot honour yet: one warning naming it, and the application still serves. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "server.compression.enabled=true",
    "server.compression.excluded-user-agents=gozilla",
    "server.server-header=Shop",
    "server.servlet.session.persistent=true"})
class UnsupportedPropertyWarningTests {
    @LocalServerPort
    int port;

    @Test
    void eachUnsupportedPropertyLogsOneWarningNamingIt(CapturedOutput output) throws Exception {
        assertThat(Http.get(port, "/greeting").statusCode()).isEqualTo(200);
        String log = output.getAll();
        String warning = "server.compression.excluded-user-agents is not supported by Subito and is ignored";
        assertThat(log).contains("WARN");
        assertThat(occurrences(log, warning)).as(warning).isEqualTo(1);
        // honoured now: no warning
        assertThat(log).doesNotContain("server.server-header is not supported")
                .doesNotContain("server.servlet.session.persistent is not supported");
        assertThat(log).doesNotContain("server.ssl.* is not supported");
        assertThat(log).doesNotContain("server.compression.enabled is not supported");
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
