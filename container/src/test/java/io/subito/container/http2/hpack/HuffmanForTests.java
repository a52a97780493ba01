package io.subito.container.http2.hpack;

import java.nio.ByteBuffer;

/** The Huffman code of RFC 7541 Appendix B for tests outside this package that build field blocks by hand. */
public final class HuffmanForTests {
    private HuffmanForTests() {
    }

    /** {@code s} Huffman-coded, padded with EOS bits. */
    public static byte[] encode(String s) {
        ByteBuffer b = ByteBuffer.allocate(Huffman.encodedLength(s, false));
        Huffman.encode(s, false, b);
        return b.array();
    }
}
