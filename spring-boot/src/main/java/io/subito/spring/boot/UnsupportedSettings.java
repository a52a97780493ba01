package io.subito.spring.boot;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Spring Boot server settings that Subito cannot honour yet. Each one set logs one warning
 * naming the property, and the server starts without it.
 */
public final class UnsupportedSettings {
    private static final Log LOG = LogFactory.getLog(SubitoServletWebServerFactory.class);

    private UnsupportedSettings() {
    }

    static void warnAbout(SubitoServletWebServerFactory factory) {
        if (factory.getCompression() != null && factory.getCompression().getEnabled()
                && factory.getCompression().getExcludedUserAgents() != null
                && factory.getCompression().getExcludedUserAgents().length > 0) {
            warn("server.compression.excluded-user-agents",
                    "Subito compresses for every client whose Accept-Encoding allows gzip");
        }
    }

    public static void warn(String property, String consequence) {
        LOG.warn(property + " is not supported by Subito and is ignored: " + consequence);
    }
}
