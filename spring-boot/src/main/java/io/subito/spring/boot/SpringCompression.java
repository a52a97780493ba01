package io.subito.spring.boot;

import io.subito.container.compress.CompressionSettings;
import java.util.List;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.Compression;

/**
 * Spring Boot's {@code server.compression.*} as Subito's {@link CompressionSettings}: enabled,
 * mime-types, min-response-size and excluded-user-agents (regular expressions, each matched
 * against the whole User-Agent value, as Tomcat's {@code noCompressionUserAgents}). A bad value
 * fails the start with Spring Boot's failure analysis naming the property.
 */
final class SpringCompression {
    private SpringCompression() {
    }

    static CompressionSettings settings(Compression c) {
        if (c == null || !c.getEnabled()) {
            return CompressionSettings.DEFAULTS;
        }
        long min = c.getMinResponseSize() == null ? CompressionSettings.DEFAULTS.minBytes() : c.getMinResponseSize().toBytes();
        if (min < 0 || min > Integer.MAX_VALUE) {
            throw new InvalidConfigurationPropertyValueException("server.compression.min-response-size",
                    c.getMinResponseSize(), "Subito takes 0 to " + Integer.MAX_VALUE + " bytes");
        }
        List<String> types = c.getMimeTypes() == null ? CompressionSettings.DEFAULT_TYPES : List.of(c.getMimeTypes());
        List<String> agents = c.getExcludedUserAgents() == null ? List.of() : List.of(c.getExcludedUserAgents());
        try {
            return new CompressionSettings(true, (int) min, types, agents);
        } catch (IllegalArgumentException e) {
            boolean ofAgents = e.getMessage().startsWith(CompressionSettings.EXCLUDED_USER_AGENTS);
            throw new InvalidConfigurationPropertyValueException(
                    "server.compression." + (ofAgents ? "excluded-user-agents" : "mime-types"),
                    String.join(",", ofAgents ? agents : types), e.getMessage());
        }
    }
}
