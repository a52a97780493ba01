package io.subito.spring.boot.autoconfigure;

import io.subito.spring.boot.SubitoServletWebServerFactory;
import java.time.Duration;
import org.springframework.boot.cloud.CloudPlatform;
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
 * {@code spring.lifecycle.timeout-per-shutdown-phase}, and {@code server.forward-headers-strategy=native}
 * as Subito's trusted proxies. The common {@code server.*} properties are
 * applied by Spring Boot's own {@code ServletWebServerFactoryCustomizer}.
 */
public class SubitoWebServerFactoryCustomizer
        implements WebServerFactoryCustomizer<SubitoServletWebServerFactory>, Ordered {
    private static final String SHUTDOWN_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";
    /** Spring's default for {@value #SHUTDOWN_TIMEOUT}. */
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final int PAGE = 4096;
    /**
     * The proxies whose X-Forwarded-* headers {@code server.forward-headers-strategy=native}
     * believes: the ranges of Tomcat's RemoteIpValve {@code internalProxies} (Spring Boot's
     * default for Tomcat), private, loopback, link-local and carrier-grade NAT addresses.
     */
    static final String INTERNAL_PROXIES = "10.0.0.0/8, 192.168.0.0/16, 169.254.0.0/16, 127.0.0.0/8, 100.64.0.0/10, "
            + "172.16.0.0/12, ::1/128, fe80::/10, fc00::/7";

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
        if (useNativeForwardHeaders() && subitoProperties.getTrustedProxies() == null) {
            factory.setEngineProperty("trustedProxies", INTERNAL_PROXIES);
        }
    }

    /** {@code server.forward-headers-strategy=native}, or unset on a cloud platform that uses forward headers (as Tomcat). */
    private boolean useNativeForwardHeaders() {
        ForwardHeadersStrategy strategy = serverProperties.getForwardHeadersStrategy();
        if (strategy == null) {
            CloudPlatform platform = CloudPlatform.getActive(environment);
            return platform != null && platform.isUsingForwardHeaders();
        }
        return strategy == ForwardHeadersStrategy.NATIVE;
    }
}
