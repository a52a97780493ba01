package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.http.HttpLimits;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** conf/server.properties keys, defaults and refusals. */
class ServerConfigTest {
    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void shippedServerPropertiesMatchTheDefaults() throws Exception {
        Path conf = Path.of("..", "conf", "server.properties");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(conf), "run from the container module");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(conf)) {
            p.load(r);
        }
        ServerConfig shipped = ServerConfig.fromProperties(p);
        ServerConfig defaults = new ServerConfig();
        assertEquals(defaults.mode(), shipped.mode());
        assertEquals(defaults.workerThreads(), shipped.workerThreads());
        assertEquals(defaults.maxConnections(), shipped.maxConnections());
        assertEquals(defaults.bufferSize(), shipped.bufferSize());
        assertEquals(defaults.responseBufferSize(), shipped.responseBufferSize());
        assertEquals(defaults.writeHighWater(), shipped.writeHighWater());
        assertEquals(defaults.maxPipelined(), shipped.maxPipelined());
        assertEquals(defaults.keepAliveTimeoutMillis(), shipped.keepAliveTimeoutMillis());
        assertEquals(defaults.headTimeoutMillis(), shipped.headTimeoutMillis());
        assertEquals(defaults.ioTimeoutMillis(), shipped.ioTimeoutMillis());
        assertEquals(defaults.shutdownGraceMillis(), shipped.shutdownGraceMillis());
        assertEquals(defaults.maxBodyDrainBytes(), shipped.maxBodyDrainBytes());
        assertEquals(defaults.limits(), shipped.limits());
        assertEquals(defaults.trustedProxies().toString(), shipped.trustedProxies().toString());
        assertEquals(defaults.forwardedHeaders(), shipped.forwardedHeaders());
        assertEquals(defaults.proxyProtocol(), shipped.proxyProtocol());
    }

    @Test
    void everyKeyIsRead() {
        ServerConfig c = ServerConfig.fromProperties(props(
                "bind", " 0.0.0.0 ", "port", "0", "loops", "3", "execution", "Inline", "threads", "7",
                "maxConnections", "11", "bufferSize", "8192", "responseBufferSize", "100", "writeHighWater", "2048",
                "maxPipelined", "5", "keepAliveTimeoutMillis", "1000", "headTimeoutMillis", "2000",
                "ioTimeoutMillis", "3000", "shutdownGraceMillis", "4000", "maxBodyDrainBytes", "5000",
                "maxHeadBytes", "4096", "maxTargetLength", "1024", "maxHeaders", "9", "maxChunkExtensionBytes", "10",
                "maxTrailerBytes", "11"));
        assertEquals("0.0.0.0", c.host());
        assertEquals(0, c.port());
        assertEquals(3, c.loops());
        assertEquals(ExecutionMode.INLINE, c.mode());
        assertEquals(7, c.workerThreads());
        assertEquals(11, c.maxConnections());
        assertEquals(8192, c.bufferSize());
        assertEquals(100, c.responseBufferSize());
        assertEquals(2048, c.writeHighWater());
        assertEquals(5, c.maxPipelined());
        assertEquals(1000, c.keepAliveTimeoutMillis());
        assertEquals(2000, c.headTimeoutMillis());
        assertEquals(3000, c.ioTimeoutMillis());
        assertEquals(4000, c.shutdownGraceMillis());
        assertEquals(5000, c.maxBodyDrainBytes());
        assertEquals(new HttpLimits(4096, 1024, 9, 10, 11), c.limits());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "port|70000", "port|abc", "loops|0", "execution|threads", "bufferSize|5000", "bufferSize|1024",
            "threads|-1", "maxHeadBytes|100", "maxHeadBytes|20000", "keepAliveTimeoutMillis|0",
            "trustedProxies|proxy.example.com", "trustedProxies|10.0.0.0/40", "forwardedHeaders|x-real-ip",
            "proxyProtocol|yes please"})
    void badValuesNameTheKey(String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromProperties(props(key, value)));
        assertTrue(e.getMessage().contains(key.equals("maxHeadBytes") && value.equals("20000") ? "bufferSize" : key),
                e.getMessage());
    }

    @Test
    void proxySettingsAreReadAndOffByDefault() {
        ServerConfig d = ServerConfig.fromProperties(props());
        assertTrue(d.trustedProxies().isEmpty());
        assertEquals(io.subito.container.proxy.ForwardedHeaders.X_FORWARDED, d.forwardedHeaders());
        assertEquals(false, d.proxyProtocol());
        ServerConfig c = ServerConfig.fromProperties(props("trustedProxies", "10.0.0.0/8, ::1",
                "forwardedHeaders", " Forwarded ", "proxyProtocol", "true"));
        assertEquals("10.0.0.0/8, 0:0:0:0:0:0:0:1/128", c.trustedProxies().toString());
        assertEquals(io.subito.container.proxy.ForwardedHeaders.FORWARDED, c.forwardedHeaders());
        assertTrue(c.proxyProtocol());
    }
}
