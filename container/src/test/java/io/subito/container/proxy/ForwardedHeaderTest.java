package io.subito.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.proxy.ForwardedHeader.Element;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardedHeaderTest {

    @Test
    void theRfcExamplesParse() throws Exception {
        assertEquals(List.of(new Element("_gazonk", null, null, null)), ForwardedHeader.parse("for=\"_gazonk\""));
        assertEquals(List.of(new Element("[2001:db8:cafe::17]:4711", null, null, null)),
                ForwardedHeader.parse("For=\"[2001:db8:cafe::17]:4711\""));
        assertEquals(List.of(new Element("192.0.2.60", "203.0.113.43", "http", null)),
                ForwardedHeader.parse("for=192.0.2.60;proto=http;by=203.0.113.43"));
        assertEquals(List.of(new Element("192.0.2.43", null, null, null), new Element("198.51.100.17", null, null, null)),
                ForwardedHeader.parse("for=192.0.2.43, for=198.51.100.17"));
    }

    @Test
    void whitespaceEmptyElementsAndExtensionsAreTolerated() throws Exception {
        assertEquals(List.of(new Element("10.0.0.1", null, "https", "example.com")),
                ForwardedHeader.parse(" , for=10.0.0.1 ; proto=https;ext=\"x\";;host=example.com ,"));
    }

    @Test
    void quotedPairsAreUnescaped() throws Exception {
        assertEquals("a\"b\\c", ForwardedHeader.parse("host=\"a\\\"b\\\\c\"").get(0).host());
    }

    @Test
    void theWholeLineIsReadEvenWhenAnElementHasNoFor() throws Exception {
        List<Element> e = ForwardedHeader.parse("proto=https;host=example.com, for=10.0.0.2");
        assertEquals(2, e.size());
        assertEquals(null, e.get(0).forNode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "for=1.2.3.4;for=5.6.7.8|twice",
        "for|no '='",
        "for=|a token or a quoted string",
        "for=\"1.2.3.4|not closed",
        "for=1.2.3.4 proto=http|expected",
        "=1.2.3.4|a token",
        "for=[::1]|a token or a quoted string",
        "for=a\"b\"|expected"})
    void malformedLinesAreRefusedNamingTheFlaw(String line, String flaw) {
        MalformedForwardingException e = assertThrows(MalformedForwardingException.class, () -> ForwardedHeader.parse(line));
        assertTrue(e.getMessage().startsWith("Forwarded: "), e.getMessage());
        assertTrue(e.getMessage().contains(flaw), e.getMessage());
    }
}
