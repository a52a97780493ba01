package io.subito.container.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The PROXY protocol header at the start of a connection (HAProxy's proxy-protocol.txt), version
 * 1 (a text line) or 2 (binary, with TLVs). Pure: bytes in, a {@link ProxyHeader} out, nothing
 * kept. Bytes that cannot begin either version are refused at once, so a client speaking HTTP
 * straight away is turned down without waiting for more.
 */
public final class ProxyProtocolDecoder {
    /** Version 1's longest line, CRLF included (section 2.1). */
    public static final int V1_MAX = 107;
    static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V2_FIXED = 16;

    private ProxyProtocolDecoder() {
    }

    /**
     * Decodes the header at {@code b[from..to)}.
     *
     * @param max the most header bytes accepted (the connection's buffer); a larger v2 header is refused
     * @return the header, or null when the bytes so far are a valid beginning and more are needed
     * @throws ProxyProtocolException naming the flaw
     */
    public static ProxyHeader decode(byte[] b, int from, int to, int max) throws ProxyProtocolException {
        int n = to - from;
        if (n == 0) {
            return null;
        }
        if (b[from] == 'P') {
            if (!startsWith(b, from, to, V1_PREFIX)) {
                throw new ProxyProtocolException("not a PROXY protocol header");
            }
            return n < V1_PREFIX.length ? null : v1(b, from, to);
        }
        if (!startsWith(b, from, to, V2_SIGNATURE)) {
            throw new ProxyProtocolException("not a PROXY protocol header");
        }
        return n < V2_FIXED ? null : v2(b, from, to, max);
    }

    /** Whether the bytes there agree with {@code prefix} as far as both go. */
    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        for (int i = 0; i < prefix.length && from + i < to; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- version 1

    private static ProxyHeader v1(byte[] b, int from, int to) throws ProxyProtocolException {
        int end = -1;
        for (int i = from; i < to && i < from + V1_MAX; i++) {
            if (b[i] == '\n') {
                end = i;
                break;
            }
            if (b[i] == '\r' && i + 1 < to && b[i + 1] != '\n') {
                throw new ProxyProtocolException("PROXY v1: CR not followed by LF");
            }
        }
        if (end < 0) {
            if (to - from >= V1_MAX) {
                throw new ProxyProtocolException("PROXY v1: no CRLF within " + V1_MAX + " bytes");
            }
            return null;
        }
        if (end == from || b[end - 1] != '\r') {
            throw new ProxyProtocolException("PROXY v1: the line must end with CRLF");
        }
        String line = new String(b, from, end - 1 - from, StandardCharsets.US_ASCII);
        String[] f = line.split(" ", -1);
        int length = end + 1 - from;
        if (f.length >= 2 && f[1].equals("UNKNOWN")) {
            return new ProxyHeader(1, length, null, null, List.of()); // the rest of the line is ignored (2.1)
        }
        if (f.length != 6) {
            throw new ProxyProtocolException("PROXY v1: expected 'PROXY TCP4|TCP6 src dst sport dport'");
        }
        boolean v6;
        if (f[1].equals("TCP4")) {
            v6 = false;
        } else if (f[1].equals("TCP6")) {
            v6 = true;
        } else {
            throw new ProxyProtocolException("PROXY v1: unknown protocol '" + f[1] + "'");
        }
        return new ProxyHeader(1, length, socket(f[2], f[4], v6), socket(f[3], f[5], v6), List.of());
    }

    private static InetSocketAddress socket(String addr, String port, boolean v6) throws ProxyProtocolException {
        byte[] a = (addr.indexOf(':') >= 0) == v6 ? IpLiteral.parse(addr) : null;
        if (a == null) {
            throw new ProxyProtocolException("PROXY v1: '" + addr + "' is not an " + (v6 ? "IPv6" : "IPv4") + " address");
        }
        int p = -1;
        if (!port.isEmpty() && port.length() <= 5 && (port.length() == 1 || port.charAt(0) != '0')) {
            p = 0;
            for (int i = 0; i < port.length() && p >= 0; i++) {
                char c = port.charAt(i);
                p = c >= '0' && c <= '9' ? p * 10 + (c - '0') : -1;
            }
        }
        if (p < 0 || p > 65535) {
            throw new ProxyProtocolException("PROXY v1: '" + port + "' is not a port");
        }
        return socket(a, p);
    }

    private static InetSocketAddress socket(byte[] a, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(a), port); // bytes given: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for a length other than 4 or 16
        }
    }

    // ---------------------------------------------------------------- version 2

    private static ProxyHeader v2(byte[] b, int from, int to, int max) throws ProxyProtocolException {
        int verCmd = b[from + 12] & 0xff;
        int fam = b[from + 13] & 0xff;
        int len = ((b[from + 14] & 0xff) << 8) | (b[from + 15] & 0xff);
        if (verCmd >> 4 != 2) {
            throw new ProxyProtocolException("PROXY v2: version " + (verCmd >> 4) + " is not 2");
        }
        int command = verCmd & 0x0f;
        if (command > 1) {
            throw new ProxyProtocolException("PROXY v2: command " + command + " is neither LOCAL nor PROXY");
        }
        int total = V2_FIXED + len;
        if (total > max) {
            throw new ProxyProtocolException("PROXY v2: a header of " + total + " bytes is larger than the " + max + " accepted");
        }
        if (to - from < total) {
            return null;
        }
        int family = fam >> 4;
        int transport = fam & 0x0f;
        if (family > 3 || transport > 2) {
            throw new ProxyProtocolException("PROXY v2: unknown address family/protocol 0x" + Integer.toHexString(fam));
        }
        int addrLen = switch (family) {
            case 1 -> 12;
            case 2 -> 36;
            case 3 -> 216;
            default -> 0;
        };
        if (len < addrLen) {
            throw new ProxyProtocolException("PROXY v2: " + len + " bytes cannot hold the addresses of family " + family);
        }
        if (command == 1 && transport == 2) {
            throw new ProxyProtocolException("PROXY v2: a datagram (UDP) source on a stream connection");
        }
        int at = from + V2_FIXED;
        InetSocketAddress src = null;
        InetSocketAddress dst = null;
        if (command == 1 && (family == 1 || family == 2)) {
            int w = family == 1 ? 4 : 16;
            src = socket(slice(b, at, w), port(b, at + 2 * w));
            dst = socket(slice(b, at + w, w), port(b, at + 2 * w + 2));
        }
        List<ProxyHeader.Tlv> tlvs = tlvs(b, at + addrLen, from + total, false);
        for (ProxyHeader.Tlv t : tlvs) {
            if (t.type() == ProxyHeader.PP2_TYPE_CRC32C) {
                checkCrc(b, from, total, t, at + addrLen);
            }
        }
        return new ProxyHeader(2, total, src, dst, tlvs);
    }

    private static List<ProxyHeader.Tlv> tlvs(byte[] b, int at, int end, boolean nested) throws ProxyProtocolException {
        List<ProxyHeader.Tlv> out = new ArrayList<>();
        while (at < end) {
            if (end - at < 3) {
                throw new ProxyProtocolException("PROXY v2: " + (end - at) + " stray bytes where a TLV should be");
            }
            int type = b[at] & 0xff;
            int len = ((b[at + 1] & 0xff) << 8) | (b[at + 2] & 0xff);
            int v = at + 3;
            if (v + len > end) {
                throw new ProxyProtocolException("PROXY v2: TLV 0x" + Integer.toHexString(type) + " of " + len
                        + " bytes runs past the header");
            }
            List<ProxyHeader.Tlv> sub = List.of();
            if (type == ProxyHeader.PP2_TYPE_SSL) {
                if (nested || len < 5) {
                    throw new ProxyProtocolException("PROXY v2: a malformed SSL TLV");
                }
                sub = tlvs(b, v + 5, v + len, true);
            } else if (type == ProxyHeader.PP2_TYPE_CRC32C && len != 4) {
                throw new ProxyProtocolException("PROXY v2: a CRC32C TLV of " + len + " bytes");
            } else if (type == ProxyHeader.PP2_TYPE_UNIQUE_ID && len > 128) {
                throw new ProxyProtocolException("PROXY v2: a unique ID of " + len + " bytes (at most 128)");
            }
            out.add(new ProxyHeader.Tlv(type, slice(b, v, len), sub));
            at = v + len;
        }
        return out;
    }

    /** The CRC32C TLV: the checksum of the whole header with the checksum field as zeros (section 2.2.5). */
    private static void checkCrc(byte[] b, int from, int total, ProxyHeader.Tlv t, int tlvStart)
            throws ProxyProtocolException {
        int field = -1;
        for (int at = tlvStart; at < from + total; at += 3 + (((b[at + 1] & 0xff) << 8) | (b[at + 2] & 0xff))) {
            if ((b[at] & 0xff) == ProxyHeader.PP2_TYPE_CRC32C) {
                field = at + 3;
                break;
            }
        }
        byte[] copy = slice(b, from, total);
        java.util.Arrays.fill(copy, field - from, field - from + 4, (byte) 0);
        CRC32C crc = new CRC32C();
        crc.update(copy);
        long expected = ((t.value()[0] & 0xffL) << 24) | ((t.value()[1] & 0xffL) << 16) | ((t.value()[2] & 0xffL) << 8)
                | (t.value()[3] & 0xffL);
        if (crc.getValue() != expected) {
            throw new ProxyProtocolException("PROXY v2: the CRC32C checksum does not match");
        }
    }

    private static int port(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static byte[] slice(byte[] b, int at, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, at, out, 0, len);
        return out;
    }
}
