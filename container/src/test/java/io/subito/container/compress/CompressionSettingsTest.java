package io.subito.container.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompressionSettingsTest {
    @Test
    void defaultsAreOffWithTwoKibibytesAndTheTextTypes() {
        CompressionSettings d = CompressionSettings.DEFAULTS;
        assertFalse(d.enabled());
        assertEquals(2048, d.minBytes());
        assertEquals(List.of("text/*", "application/json", "application/javascript", "application/xml", "image/svg+xml"),
                d.types());
        assertEquals("compression=off, compressionMinBytes=2048, compressibleTypes=text/*,application/json,"
                + "application/javascript,application/xml,image/svg+xml", d.toString());
    }

    @Test
    void typesMatchTheMediaTypeWithoutParametersOrCase() {
        CompressionSettings d = CompressionSettings.DEFAULTS;
        assertTrue(d.compressible("text/html"));
        assertTrue(d.compressible("text/plain;charset=UTF-8"));
        assertTrue(d.compressible("TEXT/CSS ; charset=utf-8"));
        assertTrue(d.compressible("application/json"));
        assertTrue(d.compressible("Application/JSON;charset=utf-8"));
        assertTrue(d.compressible("image/svg+xml"));
        assertFalse(d.compressible("application/jsonp"), "a longer subtype is another type");
        assertFalse(d.compressible("application/json-seq"));
        assertFalse(d.compressible("image/png"));
        assertFalse(d.compressible("application/octet-stream"));
        assertFalse(d.compressible("text/"), "text/ alone is no media type");
        assertFalse(d.compressible("textual/plain"));
        assertFalse(d.compressible(null));
    }

    @Test
    void aListFromTheConfigurationFileIsTrimmedAndLowerCased() {
        CompressionSettings s = CompressionSettings.DEFAULTS
                .withTypes(CompressionSettings.parseTypes(" Application/Wasm , ,font/* "));
        assertEquals(List.of("application/wasm", "font/*"), s.types());
        assertTrue(s.compressible("application/wasm"));
        assertTrue(s.compressible("font/woff2"));
        assertFalse(s.compressible("text/html"));
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        for (String bad : List.of("text", "text/", "/html", "*/*", "text/*/x", "te xt/html", "text/h*", "text/html;q=1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CompressionSettings.DEFAULTS.withTypes(List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("compressibleTypes"), e.getMessage());
        }
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> CompressionSettings.DEFAULTS.withTypes(List.of()));
        assertTrue(empty.getMessage().contains("compressibleTypes is empty"), empty.getMessage());
        IllegalArgumentException min = assertThrows(IllegalArgumentException.class,
                () -> CompressionSettings.DEFAULTS.withMinBytes(-1));
        assertTrue(min.getMessage().startsWith("compressionMinBytes=-1"), min.getMessage());
    }

    @Test
    void withersChangeOneSettingEach() {
        CompressionSettings s = CompressionSettings.DEFAULTS.withEnabled(true).withMinBytes(0);
        assertTrue(s.enabled());
        assertEquals(0, s.minBytes());
        assertEquals(CompressionSettings.DEFAULT_TYPES, s.types());
    }

    @Test
    void anExcludedUserAgentMatchesOneExpressionAsAWhole() {
        CompressionSettings s = CompressionSettings.DEFAULTS.withEnabled(true)
                .withExcludedUserAgents(CompressionSettings.parseTypes(" gozilla, .*MSIE 6\\.0.* "));
        assertTrue(s.excludesUserAgents());
        assertTrue(s.excludesUserAgent("gozilla"));
        assertTrue(s.excludesUserAgent("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)"));
        assertFalse(s.excludesUserAgent("gozilla/2"), "the whole value must match, as Tomcat's matches()");
        assertFalse(s.excludesUserAgent("Mozilla/5.0 (compatible; MSIE 7.0)"));
        assertFalse(s.excludesUserAgent(null), "a request without User-Agent is not excluded");
        assertEquals(List.of("gozilla", ".*MSIE 6\\.0.*"), s.excludedUserAgents());
        assertEquals(s.excludedUserAgents(), s.withMinBytes(5).withTypes(List.of("text/*")).excludedUserAgents(),
                "the other withers keep the exclusions");
        assertFalse(CompressionSettings.DEFAULTS.excludesUserAgents());
        assertFalse(CompressionSettings.DEFAULTS.excludesUserAgent("gozilla"));
    }

    @Test
    void anExcludedUserAgentThatIsNotARegularExpressionIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompressionSettings.DEFAULTS.withExcludedUserAgents(List.of("fine", "bad(")));
        assertTrue(e.getMessage().startsWith("compressionExcludedUserAgents: 'bad(' is not a regular expression"),
                e.getMessage());
    }
}
