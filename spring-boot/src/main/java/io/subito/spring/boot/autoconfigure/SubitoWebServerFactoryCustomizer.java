package io.subito.spring.boot.autoconfigure;

import io.subito.spring.boot.SubitoServletWebServerFactory;
import io.subito.spring.boot.UnsupportedSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties.ForwardHeadersStrategy;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Applies what is Subito's to do among Spring Boot's properties: {@code server.subito.*},
 * {@code server.max-http-request-header-size}, and the graceful shutdown's limit
 * {@code spring.lifecycle.timeout-per-shutdown-phase}; warns about
 * {@code server.forward-headers-strategy=native}. The common {@code server.*} properties are
 * applied by Spring Boot's own {@code ServletWebServerFactoryCustomizer}.
 */
public class SubitoWebServerFactoryCustomizer
        implements WebServerFactoryCustomizer<SubitoServletWebServerFactory>, Ordered {
    private static final String SHUTDOWN_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";
    /** Spring's default for {@value #SHUTDOWN_TIMEOUT}. */
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final int PAGE = 4096;

    private final Environment environment;
    private final ServerProperties serverProperties;
    private final SubitoServerProperties subitoProperties;

    public SubitoWebServerFactoryCustomizer(Environment environment, ServerProperties serverProperties,
            SubitoServerProperties subitoProperties) {
        this.environment = environment;
        this.serverProperties = serverProperties;
        this.subitoProperties = subitoProperties;
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public void customize(SubitoServletWebServerFactory factory) {
        DataSize header = serverProperties.getMaxHttpRequestHeaderSize();
        if (header != null && header.toBytes() > 0) {
            long head = header.toBytes();
            factory.setEngineProperty("maxHeadBytes", Long.toString(head));
            if (subitoProperties.getBufferSize() == null && head + 2 > 16 * 1024) {
                // the input buffer must hold a whole head: the next page multiple above it
                factory.setEngineProperty("bufferSize", Long.toString((head + 2 + PAGE - 1) / PAGE * PAGE));
            }
        }
        subitoProperties.toEngineProperties().forEach((k, v) -> factory.setEngineProperty((String) k, (String) v));
        factory.setShutdownGracePeriod(Binder.get(environment).bind(SHUTDOWN_TIMEOUT, Duration.class)
                .orElse(DEFAULT_SHUTDOWN_TIMEOUT));
        if (serverProperties.getForwardHeadersStrategy() == ForwardHeadersStrategy.NATIVE) {
            UnsupportedSettings.warn("server.forward-headers-strategy=native",
                    "Subito does not read X-Forwarded-* or Forwarded headers yet; "
                            + "server.forward-headers-strategy=framework does (Spring's ForwardedHeaderFilter)");
        }
    }
}
