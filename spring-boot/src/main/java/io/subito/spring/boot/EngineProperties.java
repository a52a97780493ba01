package io.subito.spring.boot;

import io.subito.container.ServerConfig;
import io.subito.servlet.config.RequestLimits;
import java.util.Properties;

/**
 * Reads Subito's {@code conf/server.properties} keys with the server's own checks, so that a
 * Spring Boot application refuses exactly what the standalone server refuses, with the same
 * message naming the key.
 */
public final class EngineProperties {
    private EngineProperties() {
    }

    /**
     * The form, parameter and multipart limits among the properties ({@code maxFormBytes},
     * {@code maxParameterCount}, {@code maxMultipartBytes}); unset ones keep their defaults.
     *
     * @throws IllegalArgumentException naming the key of a value that is not a number or out of range
     */
    public static RequestLimits requestLimits(Properties p) {
        RequestLimits d = RequestLimits.DEFAULTS;
        return new RequestLimits(
                (int) number(p, RequestLimits.MAX_FORM_BYTES, d.maxFormBytes()),
                (int) number(p, RequestLimits.MAX_PARAMETER_COUNT, d.maxParameterCount()),
                number(p, RequestLimits.MAX_MULTIPART_BYTES, d.maxMultipartBytes()));
    }

    /**
     * Checks every engine and request-limit setting among the properties.
     *
     * @throws IllegalArgumentException whose message starts with the key at fault
     */
    public static void check(Properties p) {
        ServerConfig.fromProperties(p);
        requestLimits(p);
    }

    private static long number(Properties p, String key, long def) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n > Integer.MAX_VALUE && !key.equals(RequestLimits.MAX_MULTIPART_BYTES)) {
                throw new IllegalArgumentException(key + "=" + v.trim() + " is out of range [0, " + Integer.MAX_VALUE + "]");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v.trim() + " is not a number");
        }
    }
}
