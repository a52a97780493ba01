package io.subito.container.http2.hpack;

import java.nio.ByteBuffer;

/** Writing integers with an N-bit prefix (RFC 7541 section 5.1); the decoder reads them itself. */
final class PrefixInteger {
    private PrefixInteger() {
    }

    /** The octets {@code value} takes after an N-bit prefix, the prefix octet included. */
    static int length(int value, int prefixBits) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            return 1;
        }
        int n = 2;
        for (int rest = value - max; rest >= 0x80; rest >>>= 7) {
            n++;
        }
        return n;
    }

    /** Writes {@code value} in the low {@code prefixBits} of an octet whose high bits are {@code pattern}. */
    static void write(ByteBuffer out, int pattern, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.put((byte) (pattern | value));
            return;
        }
        out.put((byte) (pattern | max));
        int rest = value - max;
        while (rest >= 0x80) {
            out.put((byte) (0x80 | (rest & 0x7F)));
            rest >>>= 7;
        }
        out.put((byte) rest);
    }
}
