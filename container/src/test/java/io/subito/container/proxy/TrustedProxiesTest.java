package io.subito.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private static boolean trusts(TrustedProxies t, String address) throws Exception {
        return t.contains(InetAddress.getByName(address));
    }

    @Test
    void emptyOrBlankTrustsNobody() throws Exception {
        assertSame(TrustedProxies.NONE, TrustedProxies.parse(null));
        assertSame(TrustedProxies.NONE, TrustedProxies.parse("  "));
        assertTrue(TrustedProxies.NONE.isEmpty());
        assertFalse(trusts(TrustedProxies.NONE, "127.0.0.1"));
    }

    @Test
    void singleAddressesMatchOnlyThemselves() throws Exception {
        TrustedProxies t = TrustedProxies.parse("192.168.1.7, ::1");
        assertTrue(trusts(t, "192.168.1.7"));
        assertFalse(trusts(t, "192.168.1.8"));
        assertTrue(trusts(t, "::1"));
        assertFalse(trusts(t, "::2"));
        assertFalse(trusts(t, "127.0.0.1"));
    }

    @Test
    void ipv4RangesMatchTheirPrefixBitForBit() throws Exception {
        TrustedProxies t = TrustedProxies.parse("10.0.0.0/8 172.16.0.0/12\t192.168.4.0/22");
        assertTrue(trusts(t, "10.255.1.2"));
        assertFalse(trusts(t, "11.0.0.0"));
        assertTrue(trusts(t, "172.31.255.255"));
        assertFalse(trusts(t, "172.32.0.0"));
        assertTrue(trusts(t, "192.168.7.1"));
        assertFalse(trusts(t, "192.168.8.1"));
        assertFalse(trusts(t, "192.168.3.255"));
    }

    @Test
    void ipv6RangesMatchTheirPrefixAndNeverIpv4() throws Exception {
        TrustedProxies t = TrustedProxies.parse("fd00::/8,2001:db8:abcd:12::/63");
        assertTrue(trusts(t, "fdff::1"));
        assertFalse(trusts(t, "fe00::1"));
        assertTrue(trusts(t, "2001:db8:abcd:13::1"));
        assertFalse(trusts(t, "2001:db8:abcd:14::1"));
        assertFalse(trusts(t, "10.0.0.1"));
    }

    @Test
    void hostBitsOfANetworkAreIgnoredAndZeroPrefixMatchesTheWholeFamily() throws Exception {
        TrustedProxies t = TrustedProxies.parse("10.1.2.3/16, 0.0.0.0/0");
        assertEquals("10.1.0.0/16, 0.0.0.0/0", t.toString());
        assertTrue(trusts(t, "203.0.113.9"));
        assertFalse(trusts(t, "2001:db8::1"));
    }

    @Test
    void anIpv4MappedNetworkCoversTheIpv4Addresses() throws Exception {
        TrustedProxies t = TrustedProxies.parse("::ffff:10.0.0.0/104");
        assertTrue(trusts(t, "10.9.9.9"));
        assertFalse(trusts(t, "11.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "proxy.example.com", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1",
        "10.0.0.0/8/8", "10.0.0.0/x", "1.2.3", "::ffff:10.0.0.0/95"})
    void anEntryThatIsNoAddressOrRangeIsRefusedNamingIt(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse("10.0.0.1, " + entry));
        assertTrue(e.getMessage().startsWith("trustedProxies: '" + entry + "'"), e.getMessage());
    }
}
