package io.subito.spring.boot;

import io.subito.container.compress.CompressionSettings;
import java.util.List;
import org.springframework.boot.web.server.Compression;
import org.springframework.boot.web.server.WebServerException;

/**
 * Spring Boot's {@code server.compression.*} as Subito's {@link CompressionSettings}: enabled,
 * mime-types and min-response-size carry over; excluded-user-agents has no counterpart and is
 * warned about ({@link UnsupportedSettings}).
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
            throw new WebServerException("Invalid server.compression.min-response-size: " + c.getMinResponseSize(), null);
        }
        List<String> types = c.getMimeTypes() == null ? CompressionSettings.DEFAULT_TYPES : List.of(c.getMimeTypes());
        try {
            return new CompressionSettings(true, (int) min, types);
        } catch (IllegalArgumentException e) {
            throw new WebServerException("Invalid server.compression.mime-types: " + e.getMessage(), e);
        }
    }
}
