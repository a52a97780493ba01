package io.subito.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {
    private static final Set<String> KNOWN = Set.of("port", "bind", "maxHeaders", "maxHeadBytes", "keepAliveTimeoutMillis");

    /** Parses as the settings code does: asks for every known key. */
    private static LayeredProperties parsed(Properties file, Map<String, String> sys, Map<String, String> env) {
        LayeredProperties p = new LayeredProperties(file, "conf/server.properties", Map.of(), sys, env);
        KNOWN.forEach(p::getProperty);
        return p;
    }

    private static Properties file(String... keys) {
        Properties p = new Properties();
        for (String k : keys) {
            p.setProperty(k, "1");
        }
        return p;
    }

    private static String refusal(LayeredProperties p) {
        return assertThrows(IllegalArgumentException.class, () -> UnknownKeys.check(p)).getMessage();
    }

    @Test
    void knownKeysInEveryLayerAndTheLaunchersOwnNamesPass() {
        UnknownKeys.check(parsed(file("port", "bind"), Map.of("subito.maxHeaders", "5", "subito.home", "/opt/subito",
                "subito.base", "/srv/a", "user.dir", "/", "java.version", "17"),
                Map.of("SUBITO_PORT", "1", "SUBITO_HOME", "/opt/subito", "SUBITO_BASE", "/srv/a", "SUBITO_CDS", "off",
                        "PATH", "/bin", "HOME", "/root")));
    }

    @Test
    void anUnknownKeyInTheFileIsNamedWithTheClosestKnownKey() {
        assertEquals("unknown key prot in conf/server.properties (did you mean port?)",
                refusal(parsed(file("prot"), Map.of(), Map.of())));
        assertEquals("unknown key MaxHeaders in conf/server.properties (did you mean maxHeaders?)",
                refusal(parsed(file("MaxHeaders"), Map.of(), Map.of())));
        assertEquals("unknown key colour in conf/server.properties", refusal(parsed(file("colour"), Map.of(), Map.of())),
                "nothing near: no guess");
    }

    @Test
    void anUnknownSystemPropertyOrEnvironmentVariableIsNamedAsItWasSpelt() {
        assertEquals("unknown system property -Dsubito.keepAliveTimeoutMilis (did you mean -Dsubito.keepAliveTimeoutMillis?)",
                refusal(parsed(file(), Map.of("subito.keepAliveTimeoutMilis", "5"), Map.of())));
        assertEquals("unknown environment variable SUBITO_MAXHEADER (did you mean SUBITO_MAXHEADERS?)",
                refusal(parsed(file(), Map.of(), Map.of("SUBITO_MAXHEADER", "5"))));
    }

    @Test
    void everyUnknownKeyIsNamedAtOnce() {
        assertEquals("unknown key prot in conf/server.properties (did you mean port?); "
                + "unknown environment variable SUBITO_BIDN (did you mean SUBITO_BIND?)",
                refusal(parsed(file("prot", "port"), Map.of(), Map.of("SUBITO_BIDN", "x"))));
    }

    @Test
    void theClosestKeyIsTheNearestByEditsIgnoringCaseWhenNearEnough() {
        Set<String> keys = Set.of("port", "maxHeaders", "maxHeadBytes", "bind");
        assertEquals(Optional.of("port"), ClosestKey.of("prot", keys));
        assertEquals(Optional.of("maxHeaders"), ClosestKey.of("MAXHEADERS", keys));
        assertEquals(Optional.of("maxHeadBytes"), ClosestKey.of("maxHeadByte", keys));
        assertEquals(Optional.empty(), ClosestKey.of("threads", keys));
    }
}
