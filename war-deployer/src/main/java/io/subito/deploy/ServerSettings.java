package io.subito.deploy;

import io.subito.container.ServerConfig;
import io.subito.container.compress.CompressionSettings;
import io.subito.deploy.accesslog.AccessLogPattern;
import io.subito.deploy.accesslog.RollingFile;
import io.subito.deploy.config.BindAddress;
import io.subito.deploy.config.LayeredProperties;
import io.subito.deploy.config.UnknownKeys;
import io.subito.servlet.dispatch.ErrorDetails;
import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import io.subito.websocket.session.WsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Everything the server main is told: the engine's {@link ServerConfig} (keys of
 * {@code ServerConfig.fromProperties}) plus the deployer's own keys, read from
 * {@code conf/server.properties} under the instance directory ({@code home} here: bin/start.sh's
 * {@code SUBITO_BASE}), each overridable by {@code -Dsubito.KEY}, {@code SUBITO_KEY} and the
 * command line ({@link LayeredProperties}).
 *
 * <p>A key is known because {@link #from} reads it: every key must be read whatever the other
 * values are, since a key in the file that was not read is refused as unknown ({@link UnknownKeys}).
 */
public record ServerSettings(Path home, ServerConfig engine, Path webapps, Path work, Path logs,
        boolean accessLog, long scanIntervalMillis, long releaseGraceMillis, RequestLimits requestLimits,
        AppSettings apps, SessionStoreConfig sessionStores, ResponseSettings responseSettings,
        boolean failOnDeployError, AccessLogPattern accessLogPattern, RollingFile.Policy accessLogRolling,
        ErrorDetails errorDetails, CompressionSettings compression, WsSettings webSocket) {

    /**
     * Reads {@code home/conf/server.properties} (all defaults when absent), with the JVM's
     * {@code subito.*} system properties and the {@code SUBITO_*} environment over it.
     *
     * @throws IllegalArgumentException naming the key and where its value came from, for a value
     *         that is wrong or a key that is unknown
     */
    public static ServerSettings load(Path home, Integer portOverride, Path webappsOverride) throws IOException {
        return load(home, portOverride, webappsOverride, LayeredProperties.systemProperties(), System.getenv());
    }

    /** As {@link #load(Path, Integer, Path)}, with the system properties and environment given. */
    static ServerSettings load(Path home, Integer portOverride, Path webappsOverride,
            Map<String, String> systemProperties, Map<String, String> env) throws IOException {
        Properties file = new Properties();
        Path path = home.resolve("conf/server.properties");
        if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                file.load(in);
            }
        }
        Map<String, String> commandLine = new HashMap<>();
        if (portOverride != null) {
            commandLine.put("port", portOverride.toString());
        }
        if (webappsOverride != null) {
            commandLine.put("webapps", webappsOverride.toAbsolutePath().toString());
        }
        LayeredProperties p = new LayeredProperties(file, path.toString(), commandLine, systemProperties, env);
        ServerSettings settings;
        try {
            settings = from(home, p, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.locate(e.getMessage()), e);
        }
        UnknownKeys.check(p);
        return settings;
    }

    static ServerSettings from(Path home, Properties p, Path webappsOverride) {
        ServerConfig engine = ServerConfig.fromProperties(p);
        BindAddress.check(engine.host());
        String webappsSetting = p.getProperty("webapps", "webapps").trim(); // read even when overridden: a known key
        Path webapps = webappsOverride != null ? webappsOverride : home.resolve(webappsSetting);
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
                bool(p, "failOnDeployError", false),
                accessLogPattern(p),
                new RollingFile.Policy(bool(p, "accessLog.daily", true),
                        number(p, "accessLog.maxBytes", 100L << 20, 0, Long.MAX_VALUE),
                        (int) number(p, "accessLog.maxFiles", 30, 0, 100_000)),
                errorDetails(p),
                compression(p),
                webSocket(p));
    }

    /** The WebSocket defaults of every deployed application: message limits, timeouts, permessage-deflate. */
    static WsSettings webSocket(Properties p) {
        WsSettings d = WsSettings.DEFAULTS;
        return new WsSettings(
                number(p, WsSettings.MAX_TEXT_MESSAGE_BYTES, d.maxTextMessageBytes(), 1, Integer.MAX_VALUE),
                number(p, WsSettings.MAX_BINARY_MESSAGE_BYTES, d.maxBinaryMessageBytes(), 1, Integer.MAX_VALUE),
                number(p, WsSettings.IDLE_TIMEOUT_MILLIS, d.maxIdleTimeoutMillis(), 0, Long.MAX_VALUE),
                number(p, WsSettings.CLOSE_TIMEOUT_MILLIS, d.closeTimeoutMillis(), 1, 3_600_000),
                number(p, WsSettings.ASYNC_SEND_TIMEOUT_MILLIS, d.asyncSendTimeoutMillis(), -1, Long.MAX_VALUE),
                number(p, WsSettings.MAX_QUEUED_BYTES, d.maxQueuedBytes(), 1, Long.MAX_VALUE),
                bool(p, WsSettings.PERMESSAGE_DEFLATE, d.permessageDeflate()));
    }

    /** How every deployed context shapes its responses: ranges per static response, redirect form. */
    private static ResponseSettings responseSettings(Properties p) {
        ResponseSettings d = ResponseSettings.DEFAULTS;
        return new ResponseSettings(
                (int) number(p, ResponseSettings.MAX_RANGES, d.maxRanges(), 1, ResponseSettings.MAX_RANGES_LIMIT),
                bool(p, ResponseSettings.RELATIVE_REDIRECTS, d.relativeRedirects()));
    }

    /** Response compression of every deployed context: {@code compression}, its minimum, types and excluded clients. */
    static CompressionSettings compression(Properties p) {
        CompressionSettings d = CompressionSettings.DEFAULTS;
        String types = p.getProperty(CompressionSettings.TYPES);
        String agents = p.getProperty(CompressionSettings.EXCLUDED_USER_AGENTS);
        return new CompressionSettings(
                bool(p, CompressionSettings.COMPRESSION, d.enabled()), // on/off as Tomcat's, or true/false
                (int) number(p, CompressionSettings.MIN_BYTES, d.minBytes(), 0, Integer.MAX_VALUE),
                types == null || types.isBlank() ? d.types() : CompressionSettings.parseTypes(types),
                agents == null || agents.isBlank() ? d.excludedUserAgents() : CompressionSettings.parseTypes(agents));
    }

    private static AccessLogPattern accessLogPattern(Properties p) {
        String v = p.getProperty("accessLog.pattern", "combined");
        try {
            return AccessLogPattern.parse(v.isBlank() ? "combined" : v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("accessLog.pattern=" + v.trim() + ": " + e.getMessage());
        }
    }

    private static ErrorDetails errorDetails(Properties p) {
        return ErrorDetails.parse(p.getProperty("errorDetails", "off"));
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
        return ServerConfig.booleanValue(p, key, def);
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
