package io.subito.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeAndHostTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.60|192.0.2.60|-1",
        "192.0.2.60:4711|192.0.2.60|4711",
        "[2001:db8:cafe::17]|2001:db8:cafe:0:0:0:0:17|-1",
        "[2001:db8:cafe::17]:4711|2001:db8:cafe:0:0:0:0:17|4711",
        "2001:db8:cafe::17|2001:db8:cafe:0:0:0:0:17|-1",
        "' 10.0.0.1 '|10.0.0.1|-1",
        "10.0.0.1:_port|10.0.0.1|-1",
        "[::ffff:10.0.0.1]:80|10.0.0.1|80"})
    void nodesGiveAddressAndPort(String text, String address, int port) {
        Node n = Node.parse(text);
        assertEquals(address, n.addressText());
        assertEquals(port, n.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "UNKNOWN", "_hidden", "_SEVKISEK", "_a.b-c_d"})
    void unknownAndObfuscatedNodesNameNoAddress(String text) {
        assertSame(Node.UNKNOWN, Node.parse(text));
        assertFalse(Node.parse(text).hasAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_", "_a b", "example.com", "10.0.0.1:0", "10.0.0.1:65536", "10.0.0.1:", "10.0.0.1:x",
        "[10.0.0.1]", "[2001:db8::1", "[2001:db8::1]x", "[2001:db8::1]:", "1.2.3.4:5:6", "192.0.2.60:123456"})
    void anythingElseIsNoNode(String text) {
        assertNull(Node.parse(text), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "example.com|example.com|-1",
        "example.com:8443|example.com|8443",
        "a-b_c~d.example|a-b_c~d.example|-1",
        "10.0.0.1:80|10.0.0.1|80",
        "[::1]|[::1]|-1",
        "[2001:db8::1]:443|[2001:db8::1]|443"})
    void hostsGiveNameAndPort(String text, String name, int port) {
        assertEquals(new HostPort(name, port), HostPort.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":80", "example.com:", "example.com:0", "example.com:99999", "exa mple.com",
        "evil.com/path", "evil.com?x", "user@evil.com", "evil.com:80:80", "[::1", "[not-v6]", "[10.0.0.1]",
        "a,b", "\"quoted\""})
    void anythingElseIsNoHost(String text) {
        assertNull(HostPort.parse(text), text);
    }

    @Test
    void portsAreOneToFiveDigitsInRange() {
        assertEquals(1, Node.port("1", 0, 1));
        assertEquals(65535, Node.port("65535", 0, 5));
        assertEquals(-1, Node.port("065536", 0, 6));
        assertEquals(-1, Node.port("", 0, 0));
    }
}
