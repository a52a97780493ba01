package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.subito.spring.boot.starter.app.ShopApplication;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.PortInUseException;

/** Bad configuration fails the start the way Spring Boot users know, naming what is wrong. */
@ExtendWith(OutputCaptureExtension.class)
class StartFailureTests {

    private static SpringApplicationBuilder shop(String... properties) {
        return new SpringApplicationBuilder(ShopApplication.class).properties("server.address=127.0.0.1")
                .properties(properties);
    }

    @Test
    void aPortInUseFailsWithPortInUseExceptionAndBootsFailureAnalysis(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            // Spring wraps it in the failure to start the web server's lifecycle bean, as for Tomcat
            assertThatThrownBy(() -> shop("server.port=" + port).run())
                    .satisfies(e -> assertThat(causeOfType(e, PortInUseException.class).getPort()).isEqualTo(port));
            assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                    .contains("Web server failed to start. Port " + port + " was already in use.");
        }
    }

    @Test
    void anOutOfRangeSubitoSettingFailsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> shop("server.port=0", "server.subito.threads=0").run())
                .hasStackTraceContaining("threads=0 is out of range");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("server.subito.threads");
    }

    @Test
    void anUnknownExecutionModeFailsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> shop("server.port=0", "server.subito.execution=turbo").run())
                .hasStackTraceContaining("turbo");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("server.subito.execution");
    }

    @Test
    void aBufferTooSmallForTheHeadLimitFailsNamingBoth(CapturedOutput output) {
        assertThatThrownBy(() -> shop("server.port=0", "server.subito.buffer-size=4KB").run())
                .hasStackTraceContaining("bufferSize (4096) must exceed maxHeadBytes");
        assertThat(output.getAll()).contains("server.subito.buffer-size");
    }

    @Test
    void anExcludedUserAgentThatIsNotARegularExpressionFailsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> shop("server.port=0", "server.compression.enabled=true",
                "server.compression.excluded-user-agents=gozilla,[old").run())
                .hasStackTraceContaining("'[old' is not a regular expression");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Invalid value 'gozilla,[old' for configuration property 'server.compression.excluded-user-agents'");
    }

    @Test
    void aMimeTypeThatIsNotOneFailsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> shop("server.port=0", "server.compression.enabled=true",
                "server.compression.mime-types=text/html,html").run())
                .hasStackTraceContaining("'html' is not a media type");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("configuration property 'server.compression.mime-types'");
    }

    @Test
    void aPortThatIsNotANumberFailsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> shop("server.port=http").run());
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("server.port");
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the causes of " + e, e);
    }
}
