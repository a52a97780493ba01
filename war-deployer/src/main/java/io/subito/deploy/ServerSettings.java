package io.subito.deploy;

import io.subito.container.ServerConfig;
import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Everything the server main is told: the engine's {@link ServerConfig} (keys of
 * {@code ServerConfig.fromProperties}) plus the deployer's own keys, read from
 * {@code conf/server.properties} under the server's home and overridden by the command line.
 */
public record ServerSettings(Path home, ServerConfig engine, Path webapps, Path work, Path logs,
        boolean accessLog, long scanIntervalMillis, long releaseGraceMillis, RequestLimits requestLimits,
        AppSettings apps, SessionStoreConfig sessionStores, ResponseSettings responseSettings,
        boolean failOnDeployError) {

    /** A system property {@code subito.KEY} overrides {@code KEY} of server.properties. */
    static final String SYSTEM_PREFIX = "subito.";

    /**
     * Reads {@code home/conf/server.properties} (all defaults when absent), then every
     * {@code -Dsubito.KEY=value} given to the JVM over it.
     *
     * @throws IllegalArgumentException naming the key, for a value that is wrong
     */
    public static ServerSettings load(Path home, Integer portOverride, Path webappsOverride) throws IOException {
        Properties p = new Properties();
        Path file = home.resolve("conf/server.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        String source = file.toString();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(SYSTEM_PREFIX) && name.length() > SYSTEM_PREFIX.length()) {
                p.setProperty(name.substring(SYSTEM_PREFIX.length()), System.getProperty(name));
                source = file + " (or -D" + SYSTEM_PREFIX + "KEY)";
            }
        }
        if (portOverride != null) {
            p.setProperty("port", portOverride.toString());
        }
        try {
            return from(home, p, webappsOverride);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    static ServerSettings from(Path home, Properties p, Path webappsOverride) {
        ServerConfig engine = ServerConfig.fromProperties(p);
        Path webapps = webappsOverride != null ? webappsOverride : home.resolve(p.getProperty("webapps", "webapps").trim());
        Path work = home.resolve(p.getProperty("work", "work").trim()).toAbsolutePath().normalize();
        Path absHome = home.toAbsolutePath().normalize();
        Path absWebapps = webapps.toAbsolutePath().normalize();
        // work/ is emptied at every start: it must not hold anything else
        if (absHome.startsWith(work) || absWebapps.startsWith(work) || work.startsWith(absWebapps)) {
            throw new IllegalArgumentException("work=" + p.getProperty("work", "work").trim()
                    + " must be a directory of its own (it is emptied at every start), not the home or webapps directory");
        }
        return new ServerSettings(home, engine, absWebapps, work,
                home.resolve(p.getProperty("logs", "logs").trim()).toAbsolutePath().normalize(),
                bool(p, "accessLog", true),
                number(p, "scanIntervalMillis", 1000, 100, 3_600_000),
                number(p, "releaseGraceMillis", engine.shutdownGraceMillis(), 0, 3_600_000),
                requestLimits(p),
                new AppSettings(bool(p, AppSettings.CROSS_CONTEXT, false), home.resolve("conf/apps")),
                SessionStoreConfig.from(home.toAbsolutePath().normalize(), p),
                responseSettings(p),
                bool(p, "failOnDeployError", false));
    }

    /** How every deployed context shapes its responses: ranges per static response, redirect form. */
    private static ResponseSettings responseSettings(Properties p) {
        ResponseSettings d = ResponseSettings.DEFAULTS;
        return new ResponseSettings(
                (int) number(p, ResponseSettings.MAX_RANGES, d.maxRanges(), 1, ResponseSettings.MAX_RANGES_LIMIT),
                bool(p, ResponseSettings.RELATIVE_REDIRECTS, d.relativeRedirects()));
    }

    /** The servlet layer's limits, handed to every deployed context. */
    private static RequestLimits requestLimits(Properties p) {
        RequestLimits d = RequestLimits.DEFAULTS;
        return new RequestLimits(
                (int) number(p, RequestLimits.MAX_FORM_BYTES, d.maxFormBytes(), 0, RequestLimits.MAX_BYTES),
                (int) number(p, RequestLimits.MAX_PARAMETER_COUNT, d.maxParameterCount(), 0, Integer.MAX_VALUE),
                number(p, RequestLimits.MAX_MULTIPART_BYTES, d.maxMultipartBytes(), 0, RequestLimits.MAX_BYTES),
                (int) number(p, RequestLimits.MAX_PART_COUNT, d.maxPartCount(), 0, Integer.MAX_VALUE),
                (int) number(p, RequestLimits.MAX_PART_HEADER_BYTES, d.maxPartHeaderBytes(), 0, RequestLimits.MAX_BYTES));
    }

    static boolean bool(Properties p, String key, boolean def) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + "=" + v.trim() + " is not true or false");
        };
    }

    private static long number(Properties p, String key, long def, long min, long max) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(key + "=" + v.trim() + " is out of range [" + min + ", " + max + "]");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v.trim() + " is not a number");
        }
    }
}
