package io.subito.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trust decisions on header values in memory; the peer is assumed trusted (the caller checks that). */
class ForwardingResolverTest {
    static final TrustedProxies TRUSTED = TrustedProxies.parse("10.0.0.0/8, 2001:db8:1::/48");

    /** Headers as "Name: value" lines, matched case-insensitively. */
    static Function<String, List<String>> headers(String... lines) {
        return name -> {
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                int colon = l.indexOf(':');
                if (l.substring(0, colon).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    out.add(l.substring(colon + 1).strip());
                }
            }
            return out;
        };
    }

    static Forwarding x(String... lines) throws MalformedForwardingException {
        return ForwardingResolver.resolve(ForwardedHeaders.X_FORWARDED, TRUSTED, headers(lines));
    }

    static Forwarding rfc(String... lines) throws MalformedForwardingException {
        return ForwardingResolver.resolve(ForwardedHeaders.FORWARDED, TRUSTED, headers(lines));
    }

    @Test
    void noHeadersSayNothing() throws Exception {
        assertEquals(Forwarding.NONE, x());
        assertSame(Forwarding.NONE, rfc());
    }

    @Test
    void theRightMostUntrustedAddressIsTheClient() throws Exception {
        assertEquals("203.0.113.9", x("X-Forwarded-For: 198.51.100.1, 203.0.113.9, 10.0.0.5").client().addressText());
        assertEquals("203.0.113.9", x("X-Forwarded-For: 203.0.113.9").client().addressText());
    }

    @Test
    void aSpoofedEntryLeftOfTheClientIsNeverLookedAt() throws Exception {
        // the client wrote "garbage, 10.0.0.1" itself; the proxy appended the address it saw
        assertEquals("203.0.113.9", x("X-Forwarded-For: garbage, 10.0.0.1", "X-Forwarded-For: 203.0.113.9").client().addressText());
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() throws Exception {
        assertEquals("10.0.0.1", x("X-Forwarded-For: 10.0.0.1, 10.0.0.2").client().addressText());
    }

    @Test
    void listsSpreadOverSeveralLinesAreOneList() throws Exception {
        assertEquals("198.51.100.1", x("X-Forwarded-For: 198.51.100.1", "X-Forwarded-For: 10.0.0.3 , 10.0.0.2").client().addressText());
    }

    @Test
    void ipv6AndPortsAreRead() throws Exception {
        Forwarding f = x("X-Forwarded-For: [2001:db8:2::7]:4711, 2001:db8:1::1");
        assertEquals("2001:db8:2:0:0:0:0:7", f.client().addressText());
        assertEquals(4711, f.client().port());
    }

    @Test
    void anUnknownHopLeavesTheAddressOfTheHopThatReportedIt() throws Exception {
        assertEquals("10.0.0.2", x("X-Forwarded-For: 203.0.113.9, unknown, 10.0.0.2").client().addressText());
        assertNull(x("X-Forwarded-For: unknown").client());
    }

    @Test
    void protoHostAndPortComeFromTheRightMostEntryWhenTheyAreSetOnce() throws Exception {
        Forwarding f = x("X-Forwarded-For: 203.0.113.9, 10.0.0.5", "X-Forwarded-Proto: HTTPS",
                "X-Forwarded-Host: shop.example.com", "X-Forwarded-Port: 8443");
        assertEquals("https", f.scheme());
        assertEquals("shop.example.com", f.host());
        assertEquals(8443, f.port());
    }

    @Test
    void protoListedPerHopIsTakenAtTheClientsHop() throws Exception {
        // client spoofed "https" into both lists; the proxies appended what they saw
        Forwarding f = x("X-Forwarded-For: 1.1.1.1, 203.0.113.9, 10.0.0.5", "X-Forwarded-Proto: https, http, https");
        assertEquals("http", f.scheme());
        // a spoofed single value is outvoted by the proxy's appended one when the counts differ
        assertEquals("http", x("X-Forwarded-For: 1.1.1.1, 203.0.113.9", "X-Forwarded-Proto: https, http").scheme());
    }

    @Test
    void aPortInTheForwardedHostCountsUnlessXForwardedPortSaysOtherwise() throws Exception {
        assertEquals(8080, x("X-Forwarded-Host: example.com:8080").port());
        assertEquals(9, x("X-Forwarded-Host: example.com:8080", "X-Forwarded-Port: 9").port());
        assertEquals("[2001:db8::1]", x("X-Forwarded-Host: [2001:db8::1]").host());
        assertEquals(-1, x("X-Forwarded-Proto: https").port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "X-Forwarded-For: 203.0.113.9, bogus|X-Forwarded-For: 'bogus' is not an IP address",
        "X-Forwarded-For: example.com|X-Forwarded-For: 'example.com' is not an IP address",
        "X-Forwarded-Proto: ftp|X-Forwarded-Proto: 'ftp' is not http or https",
        "X-Forwarded-Host: evil.com/x|X-Forwarded-Host: 'evil.com/x' is not a host[:port]",
        "X-Forwarded-Port: 0|X-Forwarded-Port: '0' is not a port",
        "X-Forwarded-Port: 80a|X-Forwarded-Port: '80a' is not a port"})
    void malformedValuesTheWalkReachesAreRefusedNamingThem(String line, String message) {
        MalformedForwardingException e = assertThrows(MalformedForwardingException.class, () -> x(line));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theOtherFamilyIsIgnored() throws Exception {
        assertEquals(Forwarding.NONE, x("Forwarded: for=203.0.113.9;proto=https"));
        assertSame(Forwarding.NONE, rfc("X-Forwarded-For: 203.0.113.9", "X-Forwarded-Proto: https"));
    }

    @Test
    void forwardedTakesClientProtoAndHostFromTheElementNamingTheClient() throws Exception {
        Forwarding f = rfc("Forwarded: for=198.51.100.1;proto=http;host=spoof.example",
                "Forwarded: for=203.0.113.9;proto=https;host=\"shop.example.com:8443\", for=10.0.0.7;proto=http;host=internal");
        assertEquals("203.0.113.9", f.client().addressText());
        assertEquals("https", f.scheme());
        assertEquals("shop.example.com", f.host());
        assertEquals(8443, f.port());
    }

    @Test
    void forwardedReadsQuotedIpv6Nodes() throws Exception {
        Forwarding f = rfc("Forwarded: for=\"[2001:db8:cafe::17]:4711\"");
        assertEquals("2001:db8:cafe:0:0:0:0:17", f.client().addressText());
        assertEquals(4711, f.client().port());
    }

    @Test
    void forwardedElementWithoutForOrWithAnObfuscatedNodeEndsTheWalk() throws Exception {
        Forwarding f = rfc("Forwarded: for=203.0.113.9, proto=https;host=a.example, for=10.0.0.7");
        assertEquals("10.0.0.7", f.client().addressText());
        assertEquals("https", f.scheme());
        assertNull(rfc("Forwarded: for=_hidden;proto=https").client());
        assertEquals("https", rfc("Forwarded: for=_hidden;proto=https").scheme());
    }

    @Test
    void aMalformedLineLeftOfTheClientIsNeverParsed() throws Exception {
        assertEquals("203.0.113.9", rfc("Forwarded: for=\"unclosed", "Forwarded: for=203.0.113.9").client().addressText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Forwarded: for=203.0.113.9;for=10.0.0.1|twice",
        "Forwarded: for=\"[::1\"|is not a node",
        "Forwarded: for=203.0.113.9;proto=gopher|is not http or https",
        "Forwarded: for=203.0.113.9;host=\"a b\"|is not a host[:port]",
        "Forwarded: for=\"203.0.113.9|not closed"})
    void malformedForwardedTheWalkReachesIsRefused(String line, String flaw) {
        MalformedForwardingException e = assertThrows(MalformedForwardingException.class, () -> rfc(line));
        assertTrue(e.getMessage().contains(flaw), e.getMessage());
    }
}
