package io.subito.container.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "192.168.1.255", "255.255.255.255", "10.0.0.1"})
    void dottedDecimalsAreTheSameBytesAsTheJdkReads(String s) throws Exception {
        assertArrayEquals(InetAddress.getByName(s).getAddress(), IpLiteral.parse(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "2001:db8::17", "2001:DB8:0:0:0:0:0:17", "fe80::1:2:3:4",
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6::8", "1::3:4:5:6:7:8", "::2:3:4:5:6:7:8", "64:ff9b::192.0.2.33",
        "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4"})
    void ipv6TextIsTheSameBytesAsTheJdkReads(String s) throws Exception {
        assertArrayEquals(InetAddress.getByName(s).getAddress(), IpLiteral.parse(s), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:10.1.2.3", "::FFFF:a01:203", "0:0:0:0:0:ffff:10.1.2.3"})
    void ipv4MappedAddressesComeBackAsIpv4(String s) {
        assertArrayEquals(new byte[] {10, 1, 2, 3}, IpLiteral.parse(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.",
        ".1.2.3", "1.2.3.4 ", " 1.2.3.4", "a.b.c.d", "localhost", "example.com", "dead", "1.2.3.-4", "+1.2.3.4",
        ":", ":::", "1:::2", "1::2::3", ":1::2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::",
        "::1:2:3:4:5:6:7:8", "12345::", "g::1", "fe80::1%eth0", "[::1]", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3",
        "::1.2.3.4:5", "1:", "1:2:", "１.2.3.4", "::١"})
    void anythingElseIsNoAddressAndNeverALookup(String s) {
        assertNull(IpLiteral.parse(s), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "2001:db8::17"})
    void formatGivesTheJdksText(String s) throws Exception {
        assertEquals(InetAddress.getByName(s).getHostAddress(), IpLiteral.format(IpLiteral.parse(s)));
    }
}
