package io.subito.spring.boot.autoconfigure;

import io.subito.container.ExecutionMode;
import io.subito.spring.boot.EngineProperties;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Subito's own settings, {@code server.subito.*}: the keys of {@code conf/server.properties}
 * in Spring Boot's spelling (sizes as {@code 16KB}, durations as {@code 20s}). Unset ones keep
 * Subito's defaults. Values are checked while binding, by the server's own rules, so a bad one
 * fails the start with Spring Boot's failure analysis naming the property.
 */
@ConfigurationProperties("server.subito")
public class SubitoServerProperties implements Validator {
    /** Where request batches run: inline (on the selector loop), pool (worker threads) or virtual. */
    private ExecutionMode execution;
    /** Selector loops (default: one per core). */
    private Integer loops;
    /** Worker threads of the pool execution mode (default 200). */
    private Integer threads;
    /** Connections held at once; further ones are accepted and closed (default 10000). */
    private Integer maxConnections;
    /** Input buffer per busy connection, a multiple of 4KB larger than the request head limit (default 16KB). */
    private DataSize bufferSize;
    /** Response body buffer; a response that fits gets an exact Content-Length (default 8KB). */
    private DataSize responseBufferSize;
    /** Pending output written before the batch ends (default 32KB). */
    private DataSize writeHighWater;
    /** A handler running this long has the finished responses before it sent (default 20ms, 0 = off). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration stallFlush;
    /** Requests served from one read before their responses are written (default 64). */
    private Integer maxPipelined;
    /** Idle keep-alive connections are closed after this (default 20s). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration keepAliveTimeout;
    /** A request head must arrive within this (default 10s). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration headTimeout;
    /** A blocked body read or response write gives up after this (default 30s). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration ioTimeout;
    /** Unread request body skipped to keep a connection; more closes it (default 64KB). */
    private DataSize maxBodyDrain;
    /** Longest request-target in bytes; longer gets 414 (default 4096). */
    private Integer maxTargetLength;
    /** Most header fields in a request; more gets 431 (default 100). */
    private Integer maxHeaders;
    /** Longest chunk extension; longer gets 400 (default 256B). */
    private DataSize maxChunkExtensionSize;
    /** Largest trailer section; larger gets 431 (default 8KB). */
    private DataSize maxTrailerSize;
    /** Largest urlencoded body parsed into parameters (default 2MB). */
    private DataSize maxFormSize;
    /** Parameters taken from the query string and from the body (default 10000). */
    private Integer maxParameterCount;
    /** Largest multipart body getParts() accepts without its own @MultipartConfig limit (default 64MB). */
    private DataSize maxMultipartSize;
    /**
     * Addresses and CIDR ranges of the reverse proxies whose forwarding headers are believed
     * (default: nobody; with server.forward-headers-strategy=native, the private and loopback ranges).
     */
    private String trustedProxies;
    /** Which forwarding headers the trusted proxies write: x-forwarded (default) or forwarded (RFC 7239). */
    private String forwardedHeaders;
    /** Every connection starts with a PROXY protocol v1 or v2 header (HAProxy's send-proxy). */
    private Boolean proxyProtocol;

    /** The settings as {@code conf/server.properties} keys; unset ones are absent. */
    public Properties toEngineProperties() {
        Properties p = new Properties();
        settings().forEach((key, s) -> {
            if (s.value() != null) {
                p.setProperty(key, text(s.value()));
            }
        });
        return p;
    }

    /** One setting: the field holding it and its value (null when unset). */
    private record Setting(String field, Object value) {
    }

    /** Each {@code conf/server.properties} key with the field that sets it. */
    private Map<String, Setting> settings() {
        Map<String, Setting> m = new LinkedHashMap<>();
        m.put("execution", new Setting("execution", execution));
        m.put("loops", new Setting("loops", loops));
        m.put("threads", new Setting("threads", threads));
        m.put("maxConnections", new Setting("maxConnections", maxConnections));
        m.put("bufferSize", new Setting("bufferSize", bufferSize));
        m.put("responseBufferSize", new Setting("responseBufferSize", responseBufferSize));
        m.put("writeHighWater", new Setting("writeHighWater", writeHighWater));
        m.put("stallFlushMillis", new Setting("stallFlush", stallFlush));
        m.put("maxPipelined", new Setting("maxPipelined", maxPipelined));
        m.put("keepAliveTimeoutMillis", new Setting("keepAliveTimeout", keepAliveTimeout));
        m.put("headTimeoutMillis", new Setting("headTimeout", headTimeout));
        m.put("ioTimeoutMillis", new Setting("ioTimeout", ioTimeout));
        m.put("maxBodyDrainBytes", new Setting("maxBodyDrain", maxBodyDrain));
        m.put("maxTargetLength", new Setting("maxTargetLength", maxTargetLength));
        m.put("maxHeaders", new Setting("maxHeaders", maxHeaders));
        m.put("maxChunkExtensionBytes", new Setting("maxChunkExtensionSize", maxChunkExtensionSize));
        m.put("maxTrailerBytes", new Setting("maxTrailerSize", maxTrailerSize));
        m.put("maxFormBytes", new Setting("maxFormSize", maxFormSize));
        m.put("maxParameterCount", new Setting("maxParameterCount", maxParameterCount));
        m.put("maxMultipartBytes", new Setting("maxMultipartSize", maxMultipartSize));
        m.put("trustedProxies", new Setting("trustedProxies", trustedProxies));
        m.put("forwardedHeaders", new Setting("forwardedHeaders", forwardedHeaders));
        m.put("proxyProtocol", new Setting("proxyProtocol", proxyProtocol));
        return m;
    }

    private static String text(Object value) {
        if (value instanceof DataSize size) {
            return Long.toString(size.toBytes());
        }
        if (value instanceof Duration d) {
            return Long.toString(d.toMillis());
        }
        if (value instanceof ExecutionMode mode) {
            return mode.name();
        }
        return value.toString();
    }

    @Override
    public boolean supports(Class<?> type) {
        return SubitoServerProperties.class.isAssignableFrom(type);
    }

    /** Subito's own checks (ranges, buffer multiples); the failing key's property is rejected. */
    @Override
    public void validate(Object target, Errors errors) {
        Properties p = ((SubitoServerProperties) target).toEngineProperties();
        try {
            EngineProperties.check(p);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (Map.Entry<String, Setting> setting : settings().entrySet()) {
                String key = setting.getKey();
                if (message.startsWith(key + "=") || message.startsWith(key + " ") || message.startsWith(key + ":")) {
                    errors.rejectValue(setting.getValue().field(), "subito.invalid", message);
                    return;
                }
            }
            errors.reject("subito.invalid", message);
        }
    }

    public ExecutionMode getExecution() { return execution; }
    public void setExecution(ExecutionMode execution) { this.execution = execution; }
    public Integer getLoops() { return loops; }
    public void setLoops(Integer loops) { this.loops = loops; }
    public Integer getThreads() { return threads; }
    public void setThreads(Integer threads) { this.threads = threads; }
    public Integer getMaxConnections() { return maxConnections; }
    public void setMaxConnections(Integer maxConnections) { this.maxConnections = maxConnections; }
    public DataSize getBufferSize() { return bufferSize; }
    public void setBufferSize(DataSize bufferSize) { this.bufferSize = bufferSize; }
    public DataSize getResponseBufferSize() { return responseBufferSize; }
    public void setResponseBufferSize(DataSize responseBufferSize) { this.responseBufferSize = responseBufferSize; }
    public DataSize getWriteHighWater() { return writeHighWater; }
    public void setWriteHighWater(DataSize writeHighWater) { this.writeHighWater = writeHighWater; }
    public Duration getStallFlush() { return stallFlush; }
    public void setStallFlush(Duration stallFlush) { this.stallFlush = stallFlush; }
    public Integer getMaxPipelined() { return maxPipelined; }
    public void setMaxPipelined(Integer maxPipelined) { this.maxPipelined = maxPipelined; }
    public Duration getKeepAliveTimeout() { return keepAliveTimeout; }
    public void setKeepAliveTimeout(Duration keepAliveTimeout) { this.keepAliveTimeout = keepAliveTimeout; }
    public Duration getHeadTimeout() { return headTimeout; }
    public void setHeadTimeout(Duration headTimeout) { this.headTimeout = headTimeout; }
    public Duration getIoTimeout() { return ioTimeout; }
    public void setIoTimeout(Duration ioTimeout) { this.ioTimeout = ioTimeout; }
    public DataSize getMaxBodyDrain() { return maxBodyDrain; }
    public void setMaxBodyDrain(DataSize maxBodyDrain) { this.maxBodyDrain = maxBodyDrain; }
    public Integer getMaxTargetLength() { return maxTargetLength; }
    public void setMaxTargetLength(Integer maxTargetLength) { this.maxTargetLength = maxTargetLength; }
    public Integer getMaxHeaders() { return maxHeaders; }
    public void setMaxHeaders(Integer maxHeaders) { this.maxHeaders = maxHeaders; }
    public DataSize getMaxChunkExtensionSize() { return maxChunkExtensionSize; }
    public void setMaxChunkExtensionSize(DataSize size) { this.maxChunkExtensionSize = size; }
    public DataSize getMaxTrailerSize() { return maxTrailerSize; }
    public void setMaxTrailerSize(DataSize maxTrailerSize) { this.maxTrailerSize = maxTrailerSize; }
    public DataSize getMaxFormSize() { return maxFormSize; }
    public void setMaxFormSize(DataSize maxFormSize) { this.maxFormSize = maxFormSize; }
    public Integer getMaxParameterCount() { return maxParameterCount; }
    public void setMaxParameterCount(Integer maxParameterCount) { this.maxParameterCount = maxParameterCount; }
    public DataSize getMaxMultipartSize() { return maxMultipartSize; }
    public void setMaxMultipartSize(DataSize maxMultipartSize) { this.maxMultipartSize = maxMultipartSize; }
    public String getTrustedProxies() { return trustedProxies; }
    public void setTrustedProxies(String trustedProxies) { this.trustedProxies = trustedProxies; }
    public String getForwardedHeaders() { return forwardedHeaders; }
    public void setForwardedHeaders(String forwardedHeaders) { this.forwardedHeaders = forwardedHeaders; }
    public Boolean getProxyProtocol() { return proxyProtocol; }
    public void setProxyProtocol(Boolean proxyProtocol) { this.proxyProtocol = proxyProtocol; }
}
