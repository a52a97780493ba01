package io.subito.container.http2.hpack;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decodes header blocks (RFC 7541) for one HTTP/2 connection: the peer's encoder and this
 * decoder share the dynamic table's state, so every block of the connection goes through the
 * same decoder, in order, whole.
 *
 * <p>Hostile input costs a bounded amount. Every length and index is checked against what the
 * block and the tables hold before it is used; integers above 2^31-1 or with more than five
 * continuation octets are refused; Huffman strings are checked bit by bit (EOS inside, padding
 * longer than seven bits or not all ones); a dynamic table size update must come first in a
 * block and stay within what was advertised. The header list is measured as RFC 9113 section
 * 6.5.2 does (name + value + 32 per field): past {@code maxHeaderListSize} no field reaches the
 * sink and no octet is kept beyond what the dynamic table needs, but the block is still read to
 * its end so that the table stays in step, then {@link HpackException#isHeaderListTooLarge()}
 * says only the stream must be refused. A string is never kept longer than the larger of the
 * two limits: a longer one cannot be delivered, nor fit the table.
 *
 * <p>Decoding allocates nothing for indexed fields and for literals in a heap buffer that are not
 * Huffman-coded (the views point into the block); Huffman-coded literals are decoded into two
 * scratch arrays reused from block to block; an entry added to the dynamic table is copied once.
 * Not thread-safe: one connection's reading side uses it.
 */
public final class HpackDecoder {
    private static final byte[] EMPTY = new byte[0];

    private final DynamicTable table;
    private final int maxHeaderListSize;
    /** The SETTINGS_HEADER_TABLE_SIZE in force: the most a size update may ask for. */
    private int maxTableSizeLimit;
    /** Set when that limit went below the table's size: the next block must open with an update. */
    private boolean sizeUpdateRequired;

    private final HeaderText name = new HeaderText();
    private final HeaderText value = new HeaderText();
    private byte[] nameScratch = EMPTY;
    private byte[] valueScratch = EMPTY;

    /** The block being decoded, and where in it. */
    private ByteBuffer in;
    private int pos;
    private int end;

    /**
     * @param maxHeaderTableSize the SETTINGS_HEADER_TABLE_SIZE the peer's encoder starts with
     *        (4096 unless another value has been acknowledged)
     * @param maxHeaderListSize the SETTINGS_MAX_HEADER_LIST_SIZE advertised
     */
    public HpackDecoder(int maxHeaderTableSize, int maxHeaderListSize) {
        if (maxHeaderTableSize < 0 || maxHeaderListSize < 0) {
            throw new IllegalArgumentException("negative HPACK limit: table " + maxHeaderTableSize
                    + ", header list " + maxHeaderListSize);
        }
        this.table = new DynamicTable(maxHeaderTableSize);
        this.maxTableSizeLimit = maxHeaderTableSize;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /**
     * A new SETTINGS_HEADER_TABLE_SIZE of ours, once the peer has acknowledged it. A dynamic
     * table size update above it is a compression error; when it is below the table's current
     * maximum, the peer's next block must begin with an update to at most this (RFC 7541
     * section 4.2), or that block is a compression error.
     */
    public void setMaxHeaderTableSize(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("negative SETTINGS_HEADER_TABLE_SIZE " + max);
        }
        maxTableSizeLimit = max;
        if (table.maxSize() > max) {
            sizeUpdateRequired = true;
        }
    }

    /**
     * Decodes one complete header block (a HEADERS payload and its CONTINUATION payloads, padding
     * and priority removed, concatenated) from its position to its limit, passing each field to
     * {@code sink} in order. The buffer's position ends at its limit.
     *
     * @throws HpackException a compression error (the connection must end), or, with
     *         {@link HpackException#isHeaderListTooLarge()}, a list over the limit (the stream
     *         must be refused; the sink has seen only the fields before the limit)
     */
    public void decode(ByteBuffer block, HeaderSink sink) throws HpackException {
        in = block;
        pos = block.position();
        end = block.limit();
        try {
            decodeFields(sink);
        } finally {
            block.position(pos);
            in = null;
        }
    }

    private void decodeFields(HeaderSink sink) throws HpackException {
        boolean fieldSeen = false;
        long listSize = 0;
        boolean tooLarge = false;
        while (pos < end) {
            int b = in.get(pos) & 0xFF;
            if ((b & 0xE0) == 0x20) {
                if (fieldSeen) {
                    throw HpackException.compression("a dynamic table size update after a header field");
                }
                sizeUpdate();
                continue;
            }
            if (sizeUpdateRequired) {
                throw HpackException.compression("the block does not begin with the dynamic table size update"
                        + " that the lowered SETTINGS_HEADER_TABLE_SIZE " + maxTableSizeLimit + " requires");
            }
            fieldSeen = true;
            boolean sensitive = false;
            if ((b & 0x80) != 0) {
                TableEntry e = entry(readInt(7));
                name.set(e, true);
                value.set(e, false);
            } else if ((b & 0x40) != 0) {
                literal(6, true, !tooLarge);
            } else {
                sensitive = (b & 0x10) != 0;
                literal(4, false, !tooLarge);
            }
            listSize += (long) name.length() + value.length() + TableEntry.OVERHEAD;
            if (!tooLarge) {
                if (listSize > maxHeaderListSize) {
                    tooLarge = true;
                } else {
                    sink.header(name, value, sensitive);
                }
            }
        }
        if (tooLarge) {
            throw HpackException.headerListTooLarge(listSize, maxHeaderListSize);
        }
    }

    private void sizeUpdate() throws HpackException {
        int size = readInt(5);
        if (size > maxTableSizeLimit) {
            throw HpackException.compression("a dynamic table size update to " + size
                    + ", above the SETTINGS_HEADER_TABLE_SIZE of " + maxTableSizeLimit);
        }
        table.setMaxSize(size);
        sizeUpdateRequired = false;
    }

    /**
     * A literal field (RFC 7541 section 6.2): name by index or as a string, then the value.
     *
     * @param index whether it goes into the dynamic table
     * @param deliver whether the field may still reach the sink (the list is not yet too large)
     */
    private void literal(int prefixBits, boolean index, boolean deliver) throws HpackException {
        int nameIndex = readInt(prefixBits);
        TableEntry nameEntry = null;
        if (nameIndex == 0) {
            nameScratch = readString(name, true, nameScratch, deliver || index);
        } else {
            nameEntry = entry(nameIndex);
            name.set(nameEntry, true);
        }
        valueScratch = readString(value, false, valueScratch, deliver || index);
        if (index) {
            long size = (long) name.length() + value.length() + TableEntry.OVERHEAD;
            if (size > table.maxSize()) {
                table.clear(); // RFC 7541 section 4.4: too large to add, it empties the table
                return;
            }
            TableEntry added;
            if (nameEntry != null) {
                added = nameEntry.withValue(copy(value));
            } else if (name.staticIndex() != 0) {
                added = StaticTable.get(name.staticIndex()).withValue(copy(value));
            } else {
                added = TableEntry.decoded(copy(name), copy(value));
            }
            table.add(added);
            name.set(added, true);
            value.set(added, false);
        }
    }

    private static byte[] copy(HeaderText t) {
        byte[] b = new byte[t.length()];
        t.copyTo(b, 0);
        return b;
    }

    /**
     * Reads a string literal (RFC 7541 section 5.2) into {@code text}.
     *
     * @param keep whether its octets are wanted; a string past the limits is only measured
     * @return the scratch array, grown if it had to be
     */
    private byte[] readString(HeaderText text, boolean isName, byte[] scratch, boolean keep) throws HpackException {
        if (pos == end) {
            throw HpackException.compression("the block ends where a string literal should begin");
        }
        boolean huffman = (in.get(pos) & 0x80) != 0;
        int len = readInt(7);
        if (len > end - pos) {
            throw HpackException.compression("a string literal of " + len + " octets, with only "
                    + (end - pos) + " left in the block");
        }
        int cap = keep ? Math.max(maxHeaderListSize, maxTableSizeLimit) : 0;
        if (huffman) {
            // no code is shorter than 5 bits: len octets decode to at most len * 8 / 5
            int room = (int) Math.min(len * 8L / 5, cap);
            if (scratch.length < room) {
                scratch = new byte[Math.max(room, Math.min(2 * scratch.length, cap))];
            }
            int n = HuffmanDecoder.decode(in, pos, len, scratch, 0, room);
            if (n <= room) {
                text.set(scratch, 0, n, isName);
            } else {
                text.setUnkept(n);
            }
        } else if (len > cap) {
            text.setUnkept(len);
        } else if (in.hasArray()) {
            text.set(in.array(), in.arrayOffset() + pos, len, isName);
        } else {
            if (scratch.length < len) {
                scratch = new byte[Math.max(len, Math.min(2 * scratch.length, cap))];
            }
            in.get(pos, scratch, 0, len);
            text.set(scratch, 0, len, isName);
        }
        pos += len;
        return scratch;
    }

    /** Index 1 to 61: the static table; from 62: the dynamic table, newest first. */
    private TableEntry entry(int index) throws HpackException {
        if (index == 0) {
            throw HpackException.compression("index 0");
        }
        if (index <= StaticTable.LENGTH) {
            return StaticTable.get(index);
        }
        int dynamic = index - StaticTable.LENGTH;
        if (dynamic > table.length()) {
            throw HpackException.compression("index " + index + " is beyond the " + StaticTable.LENGTH
                    + " static and " + table.length() + " dynamic entries");
        }
        return table.get(dynamic);
    }

    /**
     * An integer with an N-bit prefix (RFC 7541 section 5.1), from the current octet on. Values
     * above 2^31-1 are refused, and so are more than five continuation octets (zero octets
     * added to pad an integer out would otherwise let one run the length of the block).
     */
    private int readInt(int prefixBits) throws HpackException {
        int max = (1 << prefixBits) - 1;
        int v = in.get(pos++) & max;
        if (v < max) {
            return v;
        }
        long value = max;
        for (int shift = 0;; shift += 7) {
            if (pos == end) {
                throw HpackException.compression("the block ends inside an integer");
            }
            if (shift > 28) {
                throw HpackException.compression("an integer with more than five continuation octets");
            }
            int b = in.get(pos++) & 0xFF;
            value += (long) (b & 0x7F) << shift;
            if (value > Integer.MAX_VALUE) {
                throw HpackException.compression("an integer above 2^31-1");
            }
            if ((b & 0x80) == 0) {
                return (int) value;
            }
        }
    }

    /** The dynamic table, for tests and for counting a connection's memory. */
    DynamicTable table() {
        return table;
    }

    /** How many entries the dynamic table holds. */
    public int dynamicTableLength() {
        return table.length();
    }

    /** The dynamic table's size in RFC 7541 octets (name + value + 32 per entry). */
    public int dynamicTableSize() {
        return table.size();
    }

    @Override
    public String toString() {
        return "HpackDecoder[table " + table.size() + "/" + table.maxSize() + " octets in " + table.length()
                + " entries, limit " + maxTableSizeLimit + (sizeUpdateRequired ? ", size update required" : "")
                + ", max header list " + maxHeaderListSize + "]";
    }
}
