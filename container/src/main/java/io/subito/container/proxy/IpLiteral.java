package io.subito.container.proxy;

/**
 * Textual IP addresses to bytes, and nothing else. {@code InetAddress.getByName} would do a DNS
 * lookup for anything that is not a literal, and a forwarding header is written by whoever sent
 * the request: parsing it must never reach the network. IPv4 is four dotted decimals without
 * leading zeros (so "010" is never read as octal); IPv6 is RFC 4291 text, with {@code ::} and a
 * trailing IPv4 part. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) comes back as the
 * four IPv4 bytes, as the JDK reports such a peer, so one trust rule covers both spellings.
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /** The address's 4 or 16 bytes, or null when {@code s} is not exactly an IP literal. */
    public static byte[] parse(CharSequence s) {
        return parse(s, 0, s.length());
    }

    public static byte[] parse(CharSequence s, int from, int to) {
        if (to - from < 2 || to - from > 45) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                return unmapped(ipv6(s, from, to));
            }
        }
        byte[] out = new byte[4];
        return ipv4(s, from, to, out, 0) ? out : null;
    }

    /** Four dotted decimals into {@code out[at..at+4)}. */
    private static boolean ipv4(CharSequence s, int from, int to, byte[] out, int at) {
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 3 && isDigit(s.charAt(i))) {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || v > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            out[at + part++] = (byte) v;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == to;
    }

    private static byte[] ipv6(CharSequence s, int from, int to) {
        byte[] out = new byte[16];
        int n = 0; // bytes written
        int gap = -1; // where "::" stands, in bytes
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return null;
            }
            gap = 0;
            i += 2;
            if (i == to) {
                return out;
            }
        }
        while (i < to) {
            if (n == 16) {
                return null;
            }
            int start = i;
            int v = 0;
            while (i < to && i - start < 4 && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80) {
                v = (v << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // the last 32 bits as dotted decimals
                if (n > 12 || !ipv4(s, start, to, out, n)) {
                    return null;
                }
                n += 4;
                break;
            }
            if (i == start) {
                return null;
            }
            out[n++] = (byte) (v >> 8);
            out[n++] = (byte) v;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return null; // a trailing single ':'
            }
        }
        if (gap < 0) {
            return n == 16 ? out : null;
        }
        if (n == 16) {
            return null; // "::" must stand for at least one group
        }
        int tail = n - gap;
        System.arraycopy(out, gap, out, 16 - tail, tail);
        java.util.Arrays.fill(out, gap, 16 - tail, (byte) 0);
        return out;
    }

    private static byte[] unmapped(byte[] a) {
        if (a == null) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        if (a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
            return a;
        }
        return new byte[] {a[12], a[13], a[14], a[15]};
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The usual text of an address: dotted decimals, or the JDK's full IPv6 form (as {@code getHostAddress}). */
    public static String format(byte[] a) {
        try {
            return java.net.InetAddress.getByAddress(a).getHostAddress(); // no lookup: bytes given
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + a.length + " bytes");
        }
    }
}
