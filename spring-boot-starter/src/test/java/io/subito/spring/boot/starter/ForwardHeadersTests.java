package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code server.forward-headers-strategy=native}: Subito believes the X-Forwarded-* headers of
 * the proxies Tomcat's RemoteIpValve believes in Spring Boot (private and loopback addresses),
 * or of those {@code server.subito.trusted-proxies} names. The test client is on loopback.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForwardHeadersTests {
    private static final String[] FORWARDED = {"X-Forwarded-For", "203.0.113.7, 10.1.2.3", "X-Forwarded-Proto", "https",
        "X-Forwarded-Host", "shop.example", "X-Forwarded-Port", "443"};



    @Test
    void nativeStrategyBelievesAProxyOnLoopbackAsTomcatsRemoteIpValveDoes() throws Exception {
        try (ConfigurableApplicationContext app = Shop.start("server.forward-headers-strategy=native")) {
            assertThat(Http.get(Shop.port(app), "/origin", FORWARDED).body()).isEqualTo("https true 203.0.113.7 shop.example 443");
        }
    }

    @Test
    void withoutAStrategyTheHeadersAreIgnored() throws Exception {
        try (ConfigurableApplicationContext app = Shop.start()) {
            int port = Shop.port(app);
            assertThat(Http.get(port, "/origin", FORWARDED).body()).isEqualTo("http false 127.0.0.1 127.0.0.1 " + port);
        }
    }

    @Test
    void trustedProxiesThatLeaveOutTheClientOverrideTheNativeDefault() throws Exception {
        try (ConfigurableApplicationContext app = Shop.start("server.forward-headers-strategy=native",
                "server.subito.trusted-proxies=10.0.0.0/8")) {
            int port = Shop.port(app);
            assertThat(Http.get(port, "/origin", FORWARDED).body()).isEqualTo("http false 127.0.0.1 127.0.0.1 " + port);
        }
    }

    @Test
    void rfc7239ForwardedIsReadWhenChosen() throws Exception {
        try (ConfigurableApplicationContext app = Shop.start("server.forward-headers-strategy=native",
                "server.subito.forwarded-headers=forwarded")) {
            assertThat(Http.get(Shop.port(app), "/origin", "Forwarded", "for=198.51.100.2;proto=https;host=shop.example").body())
                    .isEqualTo("https true 198.51.100.2 shop.example 443");
        }
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressFailsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> Shop.start("server.subito.trusted-proxies=proxy.example")).hasStackTraceContaining("proxy.example");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("server.subito.trusted-proxies");
    }
}
