package io.subito.container.proxy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers whose forwarding headers and PROXY protocol headers are believed: addresses and
 * CIDR ranges, IPv4 and IPv6 ({@code 10.0.0.0/8, 192.168.1.7, fd00::/8, ::1}). Empty (the
 * default) believes nobody. Immutable; {@link #contains} allocates nothing.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private final Range[] ranges;
    private final String text;

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] a) {
            if (a.length != network.length) {
                return false;
            }
            int whole = prefix >>> 3;
            for (int i = 0; i < whole; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix & 7;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff00 >>> rest) & 0xff;
            return (a[whole] & mask) == (network[whole] & mask);
        }

        @Override
        public String toString() {
            return IpLiteral.format(network) + "/" + prefix;
        }
    }

    private TrustedProxies(List<Range> ranges, String text) {
        this.ranges = ranges.toArray(new Range[0]);
        this.text = text;
    }

    /**
     * Parses a comma- or whitespace-separated list.
     *
     * @throws IllegalArgumentException naming the entry that is neither an IP address nor a CIDR
     *         range (host names are refused: trust must not depend on DNS)
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Range> out = new ArrayList<>();
        for (String entry : list.trim().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                out.add(range(entry));
            }
        }
        return out.isEmpty() ? NONE : new TrustedProxies(out, String.join(", ", out.stream().map(Range::toString).toList()));
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        String addr = slash < 0 ? entry : entry.substring(0, slash);
        byte[] a = IpLiteral.parse(addr);
        if (a == null) {
            throw new IllegalArgumentException("trustedProxies: '" + entry + "' is not an IP address or CIDR range"
                    + " (such as 10.0.0.0/8, 192.168.1.7, fd00::/8)");
        }
        boolean v6Text = addr.indexOf(':') >= 0;
        int bits = v6Text ? 128 : 32;
        int prefix = bits;
        if (slash >= 0) {
            String p = entry.substring(slash + 1);
            try {
                prefix = p.isEmpty() || p.length() > 3 ? -1 : Integer.parseInt(p);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("trustedProxies: '" + entry + "' has a prefix length outside 0.."
                        + bits);
            }
            // an IPv4-mapped network (::ffff:10.0.0.0/104) was unmapped: its prefix counts 96 bits fewer
            if (v6Text && a.length == 4) {
                prefix -= 96;
                if (prefix < 0) {
                    throw new IllegalArgumentException("trustedProxies: '" + entry + "' covers more than IPv4-mapped addresses");
                }
            }
        } else if (v6Text && a.length == 4) {
            prefix = 32;
        }
        byte[] network = a.clone();
        for (int i = 0; i < network.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            network[i] &= (byte) (0xff00 >>> keep);
        }
        return new Range(network, prefix);
    }

    public boolean isEmpty() {
        return ranges.length == 0;
    }

    public boolean contains(InetAddress a) {
        return a != null && contains(a.getAddress());
    }

    /** Whether the 4- or 16-byte address is in one of the ranges. */
    public boolean contains(byte[] a) {
        for (Range r : ranges) {
            if (r.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** The ranges as parsed, e.g. {@code 10.0.0.0/8, 127.0.0.1/32}. */
    @Override
    public String toString() {
        return text;
    }
}
