package io.subito.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.subito.deploy.config.LayeredProperties.Source;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayeredPropertiesTest {
    private static Properties file(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void aKeyComesFromTheCommandLineThenTheSystemPropertyThenTheEnvironmentThenTheFile() {
        Properties f = file("port", "1");
        Map<String, String> env = Map.of("SUBITO_PORT", "2");
        Map<String, String> sys = Map.of("subito.port", "3");
        Map<String, String> cl = Map.of("port", "4");
        assertEquals("1", new LayeredProperties(f, "f", Map.of(), Map.of(), Map.of()).getProperty("port"));
        assertEquals("2", new LayeredProperties(f, "f", Map.of(), Map.of(), env).getProperty("port"));
        assertEquals("3", new LayeredProperties(f, "f", Map.of(), sys, env).getProperty("port"));
        assertEquals("4", new LayeredProperties(f, "f", cl, sys, env).getProperty("port"));
        assertEquals("3", new LayeredProperties(file(), "f", Map.of(), sys, Map.of()).getProperty("port"), "no file value needed");
        LayeredProperties none = new LayeredProperties(file(), "f", Map.of(), Map.of(), Map.of());
        assertNull(none.getProperty("port"));
        assertEquals("8080", none.getProperty("port", "8080"));
        assertEquals(Source.DEFAULT, none.source("port"));
    }

    @Test
    void theEnvironmentNameIsTheKeyInUpperCaseWithDotsAsUnderscores() {
        assertEquals("SUBITO_MAXFORMBYTES", LayeredProperties.envName("maxFormBytes"));
        assertEquals("SUBITO_SESSION_STORE", LayeredProperties.envName("session.store"));
        LayeredProperties p = new LayeredProperties(file(), "f", Map.of(), Map.of(),
                Map.of("SUBITO_SESSION_STORE", "redis", "SUBITO_MAXFORMBYTES", "10"));
        assertEquals("redis", p.getProperty("session.store"));
        assertEquals("10", p.getProperty("maxFormBytes"));
    }

    @Test
    void everyKeyAskedForIsRememberedAsKnownWhateverLayerAnswered() {
        LayeredProperties p = new LayeredProperties(file("a", "1"), "f", Map.of(), Map.of(), Map.of());
        p.getProperty("a");
        p.getProperty("b", "default");
        assertEquals(Set.of("a", "b"), p.asked());
    }

    @Test
    void aParsingErrorIsPrefixedWithWhereTheOffendingValueCameFrom() {
        LayeredProperties p = new LayeredProperties(file("threads", "x", "port", "1"), "conf/server.properties",
                Map.of("webapps", "/w"), Map.of("subito.loops", "0"), Map.of("SUBITO_PORT", "http"));
        for (String k : new String[] {"threads", "port", "loops", "webapps"}) {
            p.getProperty(k);
        }
        assertEquals("SUBITO_PORT: port=http is not a number", p.locate("port=http is not a number"));
        assertEquals("-Dsubito.loops: loops=0 is out of range", p.locate("loops=0 is out of range"));
        assertEquals("conf/server.properties: threads=x is not a number", p.locate("threads=x is not a number"));
        assertEquals("the command line: webapps=/w is bad", p.locate("webapps=/w is bad"));
        assertEquals("conf/server.properties: values do not fit", p.locate("values do not fit"));
    }
}
