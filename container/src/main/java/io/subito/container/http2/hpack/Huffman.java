package io.subito.container.http2.hpack;

import java.nio.ByteBuffer;

/**
 * The static Huffman code of RFC 7541 Appendix B, and its encoder.
 *
 * <p>The code is canonical: codes of one length are consecutive and ordered by symbol, each
 * length's first code follows the last code of the shorter lengths. So the 257 code lengths of
 * Appendix B are the whole table; the codes are computed from them once ({@code HuffmanTest}
 * checks them against the RFC's hexadecimal codes). Symbol 256 is EOS, thirty 1 bits, which a
 * string never contains; its prefixes pad the last byte.
 */
final class Huffman {
    static final int EOS = 256;

    /** Appendix B's "len in bits" column, symbol 0 to 256 (EOS). */
    private static final byte[] LENGTHS = {
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,
    };

    /** The code of each symbol, right-aligned in {@code LENGTHS[symbol]} bits. */
    private static final int[] CODES = canonicalCodes();

    private Huffman() {
    }

    static int length(int symbol) {
        return LENGTHS[symbol];
    }

    static int code(int symbol) {
        return CODES[symbol];
    }

    /**
     * Codes assigned in order of (length, symbol): each next code is the previous plus one,
     * shifted left by how much longer it is.
     */
    private static int[] canonicalCodes() {
        int[] codes = new int[LENGTHS.length];
        int code = 0;
        int previousLength = 0;
        for (int length = 1; length <= 30; length++) {
            for (int symbol = 0; symbol < LENGTHS.length; symbol++) {
                if (LENGTHS[symbol] != length) {
                    continue;
                }
                if (previousLength != 0) {
                    code = (code + 1) << (length - previousLength);
                }
                codes[symbol] = code;
                previousLength = length;
            }
        }
        return codes;
    }

    /**
     * The octets {@code s} takes Huffman-coded, each char sent as {@link Octets#of} maps it.
     *
     * @param lowerCase whether upper-case ASCII letters are sent in lower case (field names)
     */
    static int encodedLength(CharSequence s, boolean lowerCase) {
        long bits = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            bits += LENGTHS[Octets.of(s.charAt(i), lowerCase)];
        }
        return (int) ((bits + 7) >>> 3);
    }

    /**
     * Writes {@code s} Huffman-coded, the last byte padded with the most significant bits of
     * EOS (all ones). The caller has made sure {@link #encodedLength} bytes are free.
     *
     * @param lowerCase as for {@link #encodedLength}
     */
    static void encode(CharSequence s, boolean lowerCase, ByteBuffer out) {
        long acc = 0;
        int bits = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            int symbol = Octets.of(s.charAt(i), lowerCase);
            int len = LENGTHS[symbol];
            acc = (acc << len) | CODES[symbol];
            bits += len;
            while (bits >= 8) {
                bits -= 8;
                out.put((byte) (acc >>> bits));
            }
        }
        if (bits > 0) {
            out.put((byte) ((acc << (8 - bits)) | (0xFF >>> bits)));
        }
    }
}
