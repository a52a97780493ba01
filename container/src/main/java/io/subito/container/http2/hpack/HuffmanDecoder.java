package io.subito.container.http2.hpack;

import java.nio.ByteBuffer;

/**
 * Decodes Huffman-coded strings (RFC 7541 section 5.2) four bits at a time.
 *
 * <p>The code's tree has 256 inner nodes; each is a state. For every state and every nibble a
 * table built once from {@link Huffman}'s codes says where the walk ends, which symbol it passed
 * (no code is shorter than five bits, so at most one per nibble), whether it ran into EOS, and
 * whether the state it ends in is a valid end of a string. A string may end only where the bits
 * since the last symbol are all ones and fewer than eight: a prefix of EOS used as padding.
 * Longer padding, padding with a zero bit, and EOS inside the string are decoding errors.
 * Decoding makes no objects: one table lookup per nibble, one array store per symbol.
 */
final class HuffmanDecoder {
    private static final int EMIT = 1;
    private static final int FAIL = 2;
    private static final int ACCEPT = 4;

    /** (state * 16 + nibble) to (next state << 16 | symbol << 8 | flags). */
    private static final int[] TRANSITIONS = transitions();

    private HuffmanDecoder() {
    }

    /**
     * Decodes {@code len} bytes of {@code src} from {@code pos}; the first {@code keep} decoded
     * octets are stored from {@code dst[dstOff]}, the rest only counted (the caller keeps no more
     * than its limits allow, yet every bit is checked).
     *
     * @return the decoded length
     */
    static int decode(ByteBuffer src, int pos, int len, byte[] dst, int dstOff, int keep) throws HpackException {
        int state = 0;
        int flags = ACCEPT;
        int n = 0;
        for (int end = pos + len; pos < end; pos++) {
            int b = src.get(pos) & 0xFF;
            for (int shift = 4; shift >= 0; shift -= 4) {
                int t = TRANSITIONS[(state << 4) | ((b >>> shift) & 0xF)];
                flags = t & 0xFF;
                if ((flags & FAIL) != 0) {
                    throw HpackException.compression("a Huffman-coded string holds EOS");
                }
                if ((flags & EMIT) != 0) {
                    if (n < keep) {
                        dst[dstOff + n] = (byte) (t >>> 8);
                    }
                    n++;
                }
                state = t >>> 16;
            }
        }
        if ((flags & ACCEPT) == 0) {
            throw HpackException.compression("a Huffman-coded string ends in padding that is not 1 to 7 one bits");
        }
        return n;
    }

    private static int[] transitions() {
        // the tree: inner node ids 0..255 (0 the root); a child < 0 is the leaf of symbol -1 - child
        int[][] child = new int[256][2];
        int nodes = 1;
        for (int symbol = 0; symbol <= Huffman.EOS; symbol++) {
            int code = Huffman.code(symbol);
            int node = 0;
            for (int bit = Huffman.length(symbol) - 1; bit > 0; bit--) {
                int b = (code >>> bit) & 1;
                if (child[node][b] == 0) {
                    child[node][b] = nodes++;
                }
                node = child[node][b];
            }
            child[node][code & 1] = -1 - symbol;
        }
        if (nodes != 256) {
            throw new IllegalStateException("the Huffman code is not complete: " + nodes + " inner nodes");
        }
        boolean[] accepting = new boolean[256];
        markPadding(child, 0, 0, accepting);

        int[] table = new int[256 * 16];
        for (int state = 0; state < 256; state++) {
            for (int nibble = 0; nibble < 16; nibble++) {
                table[(state << 4) | nibble] = step(child, accepting, state, nibble);
            }
        }
        return table;
    }

    /** Marks the root and the all-ones paths of 1 to 7 bits: where a string may end. */
    private static void markPadding(int[][] child, int node, int depth, boolean[] accepting) {
        accepting[node] = true;
        int ones = child[node][1];
        if (depth < 7 && ones > 0) {
            markPadding(child, ones, depth + 1, accepting);
        }
    }

    private static int step(int[][] child, boolean[] accepting, int state, int nibble) {
        int node = state;
        int emitted = -1;
        for (int bit = 3; bit >= 0; bit--) {
            int next = child[node][(nibble >>> bit) & 1];
            if (next >= 0) {
                node = next;
                continue;
            }
            int symbol = -1 - next;
            if (symbol == Huffman.EOS) {
                return FAIL;
            }
            if (emitted >= 0) {
                throw new IllegalStateException("two symbols in one nibble");
            }
            emitted = symbol;
            node = 0;
        }
        int flags = (emitted >= 0 ? EMIT : 0) | (accepting[node] ? ACCEPT : 0);
        return node << 16 | Math.max(emitted, 0) << 8 | flags;
    }
}
