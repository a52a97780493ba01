package io.subito.container.http2.hpack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Temporary HPACK decoder (RFC 7541): static and dynamic table, every representation, but no
 * Huffman-coded strings. The full implementation replaces this class.
 */
public final class HpackDecoder {
    private final int maxHeaderListSize;
    private int maxTableSize;
    private int tableSize;
    private final ArrayDeque<String[]> dynamic = new ArrayDeque<>();

    public HpackDecoder(int maxHeaderTableSize, int maxHeaderListSize) {
        this.maxTableSize = maxHeaderTableSize;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    public void setMaxHeaderTableSize(int size) {
        maxTableSize = size;
        evict(0);
    }

    public void decode(ByteBuffer in, HeaderSink sink) throws HpackException {
        long listSize = 0;
        while (in.hasRemaining()) {
            int b = in.get(in.position()) & 0xFF;
            String name;
            String value;
            if ((b & 0x80) != 0) {
                String[] e = entry(integer(in, 7));
                name = e[0];
                value = e[1];
            } else if ((b & 0x40) != 0) {
                int i = integer(in, 6);
                name = i == 0 ? string(in) : entry(i)[0];
                value = string(in);
                add(name, value);
            } else if ((b & 0x20) != 0) {
                int size = integer(in, 5);
                if (size > maxTableSize) {
                    throw new HpackException("table size update to " + size + " exceeds " + maxTableSize);
                }
                evict(0);
                continue;
            } else {
                int i = integer(in, 4);
                name = i == 0 ? string(in) : entry(i)[0];
                value = string(in);
            }
            listSize += name.length() + value.length() + 32;
            if (listSize > maxHeaderListSize) {
                throw new HpackException("header list larger than " + maxHeaderListSize, true);
            }
            sink.header(name, value);
        }
    }

    private String[] entry(int index) throws HpackException {
        if (index <= 0) {
            throw new HpackException("index 0");
        }
        if (index <= StaticTable.ENTRIES.length) {
            return StaticTable.ENTRIES[index - 1];
        }
        int d = index - StaticTable.ENTRIES.length - 1;
        if (d >= dynamic.size()) {
            throw new HpackException("index " + index + " beyond the tables");
        }
        int k = 0;
        for (String[] e : dynamic) {
            if (k++ == d) {
                return e;
            }
        }
        throw new HpackException("index " + index);
    }

    private void add(String name, String value) {
        int size = name.length() + value.length() + 32;
        evict(size);
        if (size <= maxTableSize) {
            dynamic.addFirst(new String[] {name, value});
            tableSize += size;
        }
    }

    private void evict(int room) {
        while (tableSize + room > maxTableSize && !dynamic.isEmpty()) {
            String[] e = dynamic.removeLast();
            tableSize -= e[0].length() + e[1].length() + 32;
        }
    }

    private static int integer(ByteBuffer in, int prefix) throws HpackException {
        int max = (1 << prefix) - 1;
        int v = in.get() & max;
        if (v < max) {
            return v;
        }
        int shift = 0;
        while (true) {
            if (!in.hasRemaining()) {
                throw new HpackException("integer cut off");
            }
            int b = in.get() & 0xFF;
            v += (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
            if (shift > 21) {
                throw new HpackException("integer too large");
            }
        }
    }

    private static String string(ByteBuffer in) throws HpackException {
        if (!in.hasRemaining()) {
            throw new HpackException("string cut off");
        }
        boolean huffman = (in.get(in.position()) & 0x80) != 0;
        int n = integer(in, 7);
        if (huffman) {
            throw new HpackException("Huffman coding is not supported by this decoder");
        }
        if (n > in.remaining()) {
            throw new HpackException("string cut off");
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
