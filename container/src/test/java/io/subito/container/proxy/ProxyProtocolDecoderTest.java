package io.subito.container.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyProtocolDecoderTest {
    static final int MAX = 16384;

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static ProxyHeader decode(byte[] b) throws ProxyProtocolException {
        return ProxyProtocolDecoder.decode(b, 0, b.length, MAX);
    }

    static String flaw(byte[] b) {
        return assertThrows(ProxyProtocolException.class, () -> decode(b)).getMessage();
    }

    /** Every proper prefix of a valid header asks for more; the whole header decodes. */
    static ProxyHeader decodeByteByByte(byte[] b) throws ProxyProtocolException {
        for (int n = 0; n < b.length; n++) {
            assertNull(ProxyProtocolDecoder.decode(b, 0, n, MAX), "prefix of " + n + " bytes");
        }
        return decode(b);
    }

    // ---------------------------------------------------------------- version 1

    @Test
    void v1Tcp4GivesSourceAndDestinationAndLeavesWhatFollows() throws Exception {
        byte[] b = ascii("PROXY TCP4 192.0.2.60 198.51.100.1 56324 443\r\nGET / HTTP/1.1\r\n");
        ProxyHeader h = decodeByteByByte(java.util.Arrays.copyOf(b, 46));
        assertEquals(1, h.version());
        assertEquals(46, h.length());
        assertEquals(new InetSocketAddress("192.0.2.60", 56324), h.source());
        assertEquals(new InetSocketAddress("198.51.100.1", 443), h.destination());
        assertEquals(46, decode(b).length());
        assertFalse(h.clientTls());
    }

    @Test
    void v1Tcp6AndItsLongestLine() throws Exception {
        String addresses = " ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n";
        assertEquals(ProxyProtocolDecoder.V1_MAX, ("PROXY UNKNOWN" + addresses).length());
        assertNull(decode(ascii("PROXY UNKNOWN" + addresses)).source());
        ProxyHeader h = decode(ascii("PROXY TCP6" + addresses));
        assertEquals(65535, h.source().getPort());
        assertEquals("2001:db8:0:0:0:0:0:1", decode(ascii("PROXY TCP6 2001:db8::1 ::1 1 0\r\n")).source().getAddress().getHostAddress());
    }

    @Test
    void v1UnknownKeepsTheConnectionsAddresses() throws Exception {
        assertNull(decode(ascii("PROXY UNKNOWN\r\n")).source());
        ProxyHeader h = decode(ascii("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\nGET"));
        assertNull(h.source());
        assertEquals(35, h.length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET / HTTP/1.1|not a PROXY protocol header",
        "PROXI TCP4|not a PROXY protocol header",
        "proxy TCP4|not a PROXY protocol header",
        "PROXY TCP5 1.2.3.4 5.6.7.8 1 2\\r\\n|unknown protocol 'TCP5'",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1\\r\\n|expected 'PROXY TCP4",
        "PROXY TCP4  1.2.3.4 5.6.7.8 1 2\\r\\n|expected",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \\r\\n|expected",
        "PROXY TCP4 ::1 5.6.7.8 1 2\\r\\n|'::1' is not an IPv4 address",
        "PROXY TCP6 1.2.3.4 ::1 1 2\\r\\n|'1.2.3.4' is not an IPv6 address",
        "PROXY TCP4 example.com 5.6.7.8 1 2\\r\\n|'example.com' is not an IPv4 address",
        "PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\\r\\n|'65536' is not a port",
        "PROXY TCP4 1.2.3.4 5.6.7.8 080 2\\r\\n|'080' is not a port",
        "PROXY TCP4 1.2.3.4 5.6.7.8 -1 2\\r\\n|'-1' is not a port",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\\n|must end with CRLF",
        "PROXY TCP4 1.2.3.4\\r5.6.7.8 1 2\\r\\n|CR not followed by LF"})
    void v1FlawsAreNamed(String header, String flaw) {
        String m = flaw(ascii(header.replace("\\r", "\r").replace("\\n", "\n")));
        assertTrue(m.contains(flaw), m);
    }

    @Test
    void v1WithoutCrlfWithin107BytesIsRefused() {
        assertTrue(flaw(ascii("PROXY TCP4 " + "1".repeat(100))).contains("no CRLF within 107 bytes"));
    }

    @Test
    void aClientThatSpeaksHttpStraightAwayIsRefusedAtItsFirstByte() {
        assertTrue(flaw(ascii("G")).contains("not a PROXY protocol header"));
        assertTrue(flaw(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x01}).contains("not a PROXY protocol header"));
    }

    // ---------------------------------------------------------------- version 2

    /** A v2 header: command (0 LOCAL, 1 PROXY), family byte, address bytes, TLVs; length filled in. */
    static byte[] v2(int verCmd, int fam, byte[] addresses, byte[]... tlvs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(addresses);
        for (byte[] t : tlvs) {
            body.writeBytes(t);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ProxyProtocolDecoder.V2_SIGNATURE);
        b.write(verCmd);
        b.write(fam);
        b.write(body.size() >> 8);
        b.write(body.size());
        b.writeBytes(body.toByteArray());
        return b.toByteArray();
    }

    static byte[] tlv(int type, byte[] value) {
        byte[] t = new byte[3 + value.length];
        t[0] = (byte) type;
        t[1] = (byte) (value.length >> 8);
        t[2] = (byte) value.length;
        System.arraycopy(value, 0, t, 3, value.length);
        return t;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    static final byte[] TCP4 = {(byte) 192, 0, 2, 60, (byte) 198, 51, 100, 1, (byte) 0xdc, 0x04, 0x01, (byte) 0xbb};

    static byte[] tcp6() {
        byte[] a = new byte[36];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[15] = 7;
        a[31] = 1;
        a[32] = 0x12;
        a[33] = 0x34;
        a[35] = 80;
        return a;
    }

    @Test
    void v2Tcp4GivesSourceAndDestination() throws Exception {
        byte[] b = v2(0x21, 0x11, TCP4);
        ProxyHeader h = decodeByteByByte(b);
        assertEquals(2, h.version());
        assertEquals(28, h.length());
        assertEquals(new InetSocketAddress("192.0.2.60", 56324), h.source());
        assertEquals(new InetSocketAddress("198.51.100.1", 443), h.destination());
        assertEquals(List.of(), h.tlvs());
        assertEquals(28, decode(cat(b, ascii("GET / HTTP/1.1\r\n"))).length());
    }

    @Test
    void v2Tcp6GivesIpv6Addresses() throws Exception {
        ProxyHeader h = decode(v2(0x21, 0x21, tcp6()));
        assertEquals(new InetSocketAddress("2001:db8::7", 0x1234), h.source());
        assertEquals(new InetSocketAddress("::1", 80), h.destination());
    }

    @Test
    void v2LocalUnspecAndUnixKeepTheConnectionsAddresses() throws Exception {
        assertNull(decode(v2(0x20, 0x00, new byte[0])).source());
        assertNull(decode(v2(0x20, 0x11, TCP4)).source(), "LOCAL: the addresses are the proxy's own; ignored");
        assertNull(decode(v2(0x21, 0x00, new byte[0])).source());
        assertNull(decode(v2(0x21, 0x31, new byte[216])).source());
    }

    @Test
    void v2TlvsAreReadWithTheSslSubFields() throws Exception {
        byte[] ssl = cat(new byte[] {0x01, 0, 0, 0, 0}, tlv(ProxyHeader.PP2_SUBTYPE_SSL_VERSION, ascii("TLSv1.3")),
                tlv(ProxyHeader.PP2_SUBTYPE_SSL_CIPHER, ascii("TLS_AES_128_GCM_SHA256")));
        ProxyHeader h = decodeByteByByte(v2(0x21, 0x11, TCP4, tlv(ProxyHeader.PP2_TYPE_ALPN, ascii("http/1.1")),
                tlv(ProxyHeader.PP2_TYPE_AUTHORITY, ascii("shop.example.com")), tlv(ProxyHeader.PP2_TYPE_SSL, ssl),
                tlv(ProxyHeader.PP2_TYPE_NOOP, new byte[3]), tlv(ProxyHeader.PP2_TYPE_UNIQUE_ID, new byte[128]),
                tlv(0xE0, ascii("custom"))));
        assertEquals(6, h.tlvs().size());
        assertEquals("http/1.1", h.tlv(ProxyHeader.PP2_TYPE_ALPN).text());
        assertEquals("shop.example.com", h.authority());
        assertTrue(h.clientTls());
        assertEquals("TLSv1.3", h.tlsVersion());
        assertEquals(2, h.tlv(ProxyHeader.PP2_TYPE_SSL).subTlvs().size());
        assertArrayEquals(ascii("custom"), h.tlv(0xE0).value());
    }

    @Test
    void v2SslWithoutTheClientBitIsNotTls() throws Exception {
        ProxyHeader h = decode(v2(0x21, 0x11, TCP4, tlv(ProxyHeader.PP2_TYPE_SSL, new byte[5])));
        assertFalse(h.clientTls());
        assertNull(h.tlsVersion());
    }

    static byte[] withCrc(boolean right) {
        byte[] b = v2(0x21, 0x11, TCP4, tlv(ProxyHeader.PP2_TYPE_AUTHORITY, ascii("a.example")),
                tlv(ProxyHeader.PP2_TYPE_CRC32C, new byte[4]));
        CRC32C crc = new CRC32C();
        crc.update(b);
        long v = crc.getValue() ^ (right ? 0 : 1);
        int at = b.length - 4;
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
        return b;
    }

    @Test
    void v2Crc32cIsChecked() throws Exception {
        assertEquals("a.example", decode(withCrc(true)).authority());
        assertTrue(flaw(withCrc(false)).contains("CRC32C checksum does not match"));
    }

    @Test
    void v2Flaws() {
        assertTrue(flaw(v2(0x11, 0x11, TCP4)).contains("version 1 is not 2"));
        assertTrue(flaw(v2(0x22, 0x11, TCP4)).contains("command 2 is neither LOCAL nor PROXY"));
        assertTrue(flaw(v2(0x21, 0x12, TCP4)).contains("datagram"));
        assertTrue(flaw(v2(0x21, 0x41, TCP4)).contains("unknown address family/protocol 0x41"));
        assertTrue(flaw(v2(0x21, 0x13, TCP4)).contains("unknown address family/protocol 0x13"));
        assertTrue(flaw(v2(0x21, 0x21, TCP4)).contains("12 bytes cannot hold the addresses of family 2"));
        assertTrue(flaw(v2(0x21, 0x11, TCP4, new byte[] {0x04, 0x00})).contains("2 stray bytes"));
        assertTrue(flaw(v2(0x21, 0x11, TCP4, new byte[] {0x04, 0x00, 0x09, 1})).contains("runs past the header"));
        assertTrue(flaw(v2(0x21, 0x11, TCP4, tlv(ProxyHeader.PP2_TYPE_SSL, new byte[4]))).contains("malformed SSL TLV"));
        byte[] nested = cat(new byte[5], tlv(ProxyHeader.PP2_TYPE_SSL, new byte[5]));
        assertTrue(flaw(v2(0x21, 0x11, TCP4, tlv(ProxyHeader.PP2_TYPE_SSL, nested))).contains("malformed SSL TLV"));
        byte[] subOverrun = cat(new byte[5], new byte[] {0x21, 0x00, 0x10});
        assertTrue(flaw(v2(0x21, 0x11, TCP4, tlv(ProxyHeader.PP2_TYPE_SSL, subOverrun))).contains("runs past"));
        assertTrue(flaw(v2(0x21, 0x11, TCP4, tlv(ProxyHeader.PP2_TYPE_CRC32C, new byte[3]))).contains("CRC32C TLV of 3 bytes"));
        assertTrue(flaw(v2(0x21, 0x11, TCP4, tlv(ProxyHeader.PP2_TYPE_UNIQUE_ID, new byte[129]))).contains("unique ID of 129"));
    }

    @Test
    void v2LargerThanTheBufferIsRefusedBeforeItArrives() throws Exception {
        byte[] b = v2(0x21, 0x11, TCP4, tlv(ProxyHeader.PP2_TYPE_NOOP, new byte[200]));
        String m = assertThrows(ProxyProtocolException.class, () -> ProxyProtocolDecoder.decode(b, 0, 16, 100)).getMessage();
        assertEquals("PROXY v2: a header of 231 bytes is larger than the 100 accepted", m);
        assertEquals(231, ProxyProtocolDecoder.decode(b, 0, b.length, 231).length());
    }

    @Test
    void decodingStartsAtTheOffsetGiven() throws Exception {
        byte[] b = cat(ascii("xx"), v2(0x21, 0x11, TCP4));
        assertEquals(28, ProxyProtocolDecoder.decode(b, 2, b.length, MAX).length());
        assertNull(ProxyProtocolDecoder.decode(b, 2, 2, MAX));
    }
}
