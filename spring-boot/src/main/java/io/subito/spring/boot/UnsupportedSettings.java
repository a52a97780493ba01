package io.subito.spring.boot;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.StringUtils;

/**
 * Spring Boot server settings that Subito cannot honour yet. Each one set logs one warning
 * naming the property, and the server starts without it (plain HTTP/1.1).
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
        if (StringUtils.hasText(factory.getServerHeader())) {
            warn("server.server-header", "Subito sends no Server header");
        }
        if (factory.getSettings().getSession().isPersistent()) {
            warn("server.servlet.session.persistent", "Subito keeps sessions in memory only; they do not survive a restart");
        }
        if (!factory.getSettings().getCookieSameSiteSuppliers().isEmpty()) {
            warn("CookieSameSiteSupplier beans", "Subito applies SameSite to the session cookie only "
                    + "(server.servlet.session.cookie.same-site)");
        }
    }

    public static void warn(String property, String consequence) {
        LOG.warn(property + " is not supported by Subito and is ignored: " + consequence);
    }
}
