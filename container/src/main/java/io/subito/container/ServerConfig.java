package io.subito.container;

import io.subito.container.http.HttpLimits;
import io.subito.container.tls.ServerTls;
import io.subito.container.tls.TlsSettings;
import io.subito.container.proxy.ForwardedHeaders;
import io.subito.container.proxy.TrustedProxies;
import java.util.Locale;
import java.util.Properties;

/**
 * Everything the engine can be told, with safe defaults. Mutable while building; read by the
 * server at start. Keys of {@link #fromProperties} are those of {@code conf/server.properties}.
 */
public final class ServerConfig {
    /** Input buffers are a whole number of these (memory pages). */
    static final int BUFFER_UNIT = 4096;
    private String host = "127.0.0.1";
    private int port = 8080;
    private int loops = Runtime.getRuntime().availableProcessors();
    private ExecutionMode mode = ExecutionMode.POOL;
    private int workerThreads = 200;
    private int maxConnections = 10_000;
    private int bufferSize = 16 * 1024;
    private int responseBufferSize = 8 * 1024;
    private int writeHighWater = 32 * 1024;
    private int maxPipelined = 64;
    private int stallFlushMillis = 20;
    private long keepAliveTimeoutMillis = 20_000;
    private long headTimeoutMillis = 10_000;
    private long ioTimeoutMillis = 30_000;
    private long shutdownGraceMillis = 10_000;
    private long maxBodyDrainBytes = 64 * 1024;
    private HttpLimits limits = HttpLimits.defaults();
    private boolean allowTrace;
    /** The HTTPS listener's port; -1: none. */
    private int httpsPort = -1;
    private TlsSettings tls;
    /** Made from {@link #tls} while the settings were checked; the server uses it instead of loading the files again. */
    private ServerTls preparedTls;
    private TrustedProxies trustedProxies = TrustedProxies.NONE;
    private ForwardedHeaders forwardedHeaders = ForwardedHeaders.X_FORWARDED;
    private boolean proxyProtocol;
    private boolean http2 = true;
    private io.subito.container.http2.Http2Limits http2Limits = io.subito.container.http2.Http2Limits.defaults();

    public static ServerConfig fromProperties(Properties p) {
        ServerConfig c = new ServerConfig();
        c.host = p.getProperty("bind", c.host).trim();
        c.port = intValue(p, "port", c.port, -1, 65535);
        c.loops = intValue(p, "loops", c.loops, 1, 1024);
        c.mode = mode(p.getProperty("execution", c.mode.name()));
        c.workerThreads = intValue(p, "threads", c.workerThreads, 1, 100_000);
        c.maxConnections = intValue(p, "maxConnections", c.maxConnections, 1, 10_000_000);
        c.bufferSize = intValue(p, "bufferSize", c.bufferSize, BUFFER_UNIT, 1 << 24);
        c.responseBufferSize = intValue(p, "responseBufferSize", c.responseBufferSize, 0, 1 << 24);
        c.writeHighWater = intValue(p, "writeHighWater", c.writeHighWater, 1024, 1 << 26);
        c.maxPipelined = intValue(p, "maxPipelined", c.maxPipelined, 1, 100_000);
        c.stallFlushMillis = intValue(p, "stallFlushMillis", c.stallFlushMillis, 0, 60_000);
        c.keepAliveTimeoutMillis = intValue(p, "keepAliveTimeoutMillis", (int) c.keepAliveTimeoutMillis, 1, Integer.MAX_VALUE);
        c.headTimeoutMillis = intValue(p, "headTimeoutMillis", (int) c.headTimeoutMillis, 1, Integer.MAX_VALUE);
        c.ioTimeoutMillis = intValue(p, "ioTimeoutMillis", (int) c.ioTimeoutMillis, 1, Integer.MAX_VALUE);
        c.shutdownGraceMillis = intValue(p, "shutdownGraceMillis", (int) c.shutdownGraceMillis, 0, Integer.MAX_VALUE);
        c.maxBodyDrainBytes = intValue(p, "maxBodyDrainBytes", (int) c.maxBodyDrainBytes, 0, Integer.MAX_VALUE);
        HttpLimits d = c.limits;
        c.limits = new HttpLimits(
                intValue(p, "maxHeadBytes", d.maxHeadBytes(), 256, 1 << 20),
                intValue(p, "maxTargetLength", d.maxTargetLength(), 16, 1 << 20),
                intValue(p, "maxHeaders", d.maxHeaders(), 1, 10_000),
                intValue(p, "maxChunkExtensionBytes", d.maxChunkExtensionBytes(), 0, 1 << 20),
                intValue(p, "maxTrailerBytes", d.maxTrailerBytes(), 0, 1 << 20));
        c.allowTrace = booleanValue(p, "allowTrace", c.allowTrace);
        c.httpsPort = intValue(p, "httpsPort", c.httpsPort, -1, 65535);
        c.tls = TlsSettings.fromProperties(p);
        c.trustedProxies = TrustedProxies.parse(p.getProperty("trustedProxies"));
        String fh = p.getProperty("forwardedHeaders");
        c.forwardedHeaders = fh == null || fh.isBlank() ? c.forwardedHeaders : ForwardedHeaders.of(fh);
        c.proxyProtocol = booleanValue(p, "proxyProtocol", false);
        c.http2 = booleanValue(p, "http2", true);
        var h = c.http2Limits;
        c.http2Limits = new io.subito.container.http2.Http2Limits(
                intValue(p, "http2.maxConcurrentStreams", h.maxConcurrentStreams(), 1, 100_000),
                intValue(p, "http2.initialWindowSize", h.initialWindow(), 1024, 1 << 24),
                intValue(p, "http2.maxFrameSize", h.maxFrameSize(), 16_384, 16_777_215),
                intValue(p, "http2.maxHeaderListSize", h.maxHeaderListSize(), 1024, 1 << 24),
                h.connectionWindow(), h.responseBuffer(), c.ioTimeoutMillis,
                intValue(p, "http2.maxResets", h.maxResets(), 1, 1_000_000),
                intValue(p, "http2.maxControlFrames", h.maxControlFrames(), 10, 10_000_000));
        c.alpnForHttp2();
        c.validate();
        if (c.httpsPort >= 0) {
            // files, passwords and key/certificate pairs are checked with the rest of the settings
            c.preparedTls = ServerTls.create(c.tls);
        }
        return c;
    }

    /** Fails with a message naming the setting when the values do not fit together. */
    public ServerConfig validate() {
        if (port < 0 && httpsPort < 0) {
            throw new IllegalArgumentException("port=" + port + " (no plain listener) needs httpsPort: the server would listen nowhere");
        }
        if (httpsPort >= 0 && tls == null) {
            throw new IllegalArgumentException("httpsPort=" + httpsPort + " needs tls.certificate and tls.key, or tls.keystore");
        }
        if (limits.maxHeadBytes() + 2 > bufferSize) {
            throw new IllegalArgumentException("bufferSize (" + bufferSize + ") must exceed maxHeadBytes ("
                    + limits.maxHeadBytes() + ")");
        }
        if (bufferSize % BUFFER_UNIT != 0) {
            throw new IllegalArgumentException("bufferSize must be a multiple of " + BUFFER_UNIT + ", got " + bufferSize);
        }
        return this;
    }

    private static int intValue(Properties p, String key, int def, int min, int max) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(key + "=" + v.trim() + " is out of range [" + min + ", " + max + "]");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v.trim() + " is not a number");
        }
    }

    /**
     * {@code true|yes|on} or {@code false|no|off} (any case); blank or absent gives {@code def}.
     *
     * @throws IllegalArgumentException naming the key, for anything else
     */
    public static boolean booleanValue(Properties p, String key, boolean def) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + "=" + v.trim() + " is not true or false");
        };
    }

    private static ExecutionMode mode(String v) {
        try {
            return ExecutionMode.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("execution=" + v.trim() + " is not one of inline, pool, virtual");
        }
    }

    public String host() { return host; }
    public ServerConfig host(String v) { host = v; return this; }
    /** The plain listener's port (0: any free one); -1: none, HTTPS only ({@link #httpsPort}). */
    public int port() { return port; }
    public ServerConfig port(int v) { port = v; return this; }
    public int loops() { return loops; }
    public ServerConfig loops(int v) { loops = v; return this; }
    public ExecutionMode mode() { return mode; }
    public ServerConfig mode(ExecutionMode v) { mode = v; return this; }
    public int workerThreads() { return workerThreads; }
    public ServerConfig workerThreads(int v) { workerThreads = v; return this; }
    public int maxConnections() { return maxConnections; }
    public ServerConfig maxConnections(int v) { maxConnections = v; return this; }
    public int bufferSize() { return bufferSize; }
    public ServerConfig bufferSize(int v) { bufferSize = v; return this; }
    public int responseBufferSize() { return responseBufferSize; }
    public ServerConfig responseBufferSize(int v) { responseBufferSize = v; return this; }
    public int writeHighWater() { return writeHighWater; }
    public ServerConfig writeHighWater(int v) { writeHighWater = v; return this; }
    public int maxPipelined() { return maxPipelined; }
    /** A handler running this long has the responses finished before it in its batch sent by the loop; 0: never. */
    public int stallFlushMillis() { return stallFlushMillis; }
    public ServerConfig stallFlushMillis(int v) { stallFlushMillis = v; return this; }
    public ServerConfig maxPipelined(int v) { maxPipelined = v; return this; }
    public long keepAliveTimeoutMillis() { return keepAliveTimeoutMillis; }
    public ServerConfig keepAliveTimeoutMillis(long v) { keepAliveTimeoutMillis = v; return this; }
    public long headTimeoutMillis() { return headTimeoutMillis; }
    public ServerConfig headTimeoutMillis(long v) { headTimeoutMillis = v; return this; }
    public long ioTimeoutMillis() { return ioTimeoutMillis; }
    public ServerConfig ioTimeoutMillis(long v) { ioTimeoutMillis = v; return this; }
    public long shutdownGraceMillis() { return shutdownGraceMillis; }
    public ServerConfig shutdownGraceMillis(long v) { shutdownGraceMillis = v; return this; }
    public long maxBodyDrainBytes() { return maxBodyDrainBytes; }
    public ServerConfig maxBodyDrainBytes(long v) { maxBodyDrainBytes = v; return this; }
    public HttpLimits limits() { return limits; }
    public ServerConfig limits(HttpLimits v) { limits = v; return this; }
    /** Whether TRACE reaches the applications; off, it is answered 405 (as Tomcat's {@code allowTrace}). */
    public boolean allowTrace() { return allowTrace; }
    public ServerConfig allowTrace(boolean v) { allowTrace = v; return this; }
    /** The HTTPS listener's port (0: any free one); -1, the default: no HTTPS listener. */
    public int httpsPort() { return httpsPort; }
    public ServerConfig httpsPort(int v) { httpsPort = v; return this; }
    /** The HTTPS listener's certificate and TLS settings; null when none are configured. */
    public TlsSettings tls() { return tls; }
    public ServerConfig tls(TlsSettings v) { tls = v; preparedTls = null; alpnForHttp2(); return this; }
    /** The TLS of the HTTPS listener, made now unless the settings already did. */
    ServerTls serverTls() { return preparedTls != null ? preparedTls : ServerTls.create(tls); }
    /** Peers whose forwarding headers (and PROXY protocol headers) are believed; empty: nobody's. */
    public TrustedProxies trustedProxies() { return trustedProxies; }
    public ServerConfig trustedProxies(TrustedProxies v) { trustedProxies = v; return this; }
    /** Which forwarding headers the trusted proxies write. */
    public ForwardedHeaders forwardedHeaders() { return forwardedHeaders; }
    public ServerConfig forwardedHeaders(ForwardedHeaders v) { forwardedHeaders = v; return this; }
    /** Whether every connection starts with a PROXY protocol (v1 or v2) header. */
    public boolean proxyProtocol() { return proxyProtocol; }
    /** Whether HTTP/2 is spoken: h2c with prior knowledge or by Upgrade on the plain port, h2 by ALPN on the HTTPS one. */
    public boolean http2() { return http2; }
    public ServerConfig http2(boolean v) { http2 = v; alpnForHttp2(); return this; }

    /** ALPN offers h2 first while HTTP/2 is on, HTTP/1.1 only otherwise. */
    private void alpnForHttp2() {
        if (tls != null) {
            tls.alpn(http2 ? TlsSettings.H2_ALPN : TlsSettings.DEFAULT_ALPN);
        }
    }
    /** The HTTP/2 limits, with this configuration's {@link #ioTimeoutMillis()}. */
    public io.subito.container.http2.Http2Limits http2Limits() {
        if (http2Limits.ioTimeoutMillis() != ioTimeoutMillis) {
            http2Limits = http2Limits.withIoTimeout(ioTimeoutMillis);
        }
        return http2Limits;
    }
    public ServerConfig http2Limits(io.subito.container.http2.Http2Limits v) { http2Limits = v; return this; }
    public ServerConfig proxyProtocol(boolean v) { proxyProtocol = v; return this; }
}
