package io.subito.container.http2.hpack;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Encodes header blocks (RFC 7541) for one HTTP/2 connection's sending side.
 *
 * <p>Per block: {@link #beginBlock()}, then {@link #encode} per field in order. A field found
 * whole in the static or dynamic table goes out as one index; otherwise as a literal, its name
 * by index when a table has it, whose kind {@link IndexingPolicy} picks (secrets never indexed,
 * values that rarely repeat not indexed, the rest added to the dynamic table). Each string goes
 * out Huffman-coded when that is shorter. Names are sent in lower case and chars outside what
 * a field may hold are replaced ({@link Octets}), so the caller may pass what the application
 * set.
 *
 * <p>Output never goes out half-written: {@code encode} works out the exact length of what it
 * will write first, and when {@code out} has less room it throws
 * {@link BufferOverflowException} having written nothing and changed nothing, so the caller can
 * flush or take a larger buffer and call again with the same field.
 * {@link #maxEncodedLength} bounds that length without encoding.
 *
 * <p>The table size: the constructor's size is the most this encoder will use (its memory), and
 * {@link #setMaxHeaderTableSize} passes on the peer's SETTINGS_HEADER_TABLE_SIZE; the encoder
 * uses the smaller and, when that changes, opens the next block with dynamic table size updates
 * (the smallest size in between, then the new one, as RFC 7541 section 4.2 requires). Not
 * thread-safe: one connection's writing side uses it, blocks one after another.
 */
public final class HpackEncoder {
    /** SETTINGS_HEADER_TABLE_SIZE before the peer says otherwise (RFC 9113 section 6.5.2). */
    private static final int PROTOCOL_DEFAULT = 4096;
    /** The size updates a block may open with, at most: two integers with a 5-bit prefix. */
    private static final int MAX_UPDATES_LENGTH = 2 * 6;

    /** For tests: how strings are coded (null: Huffman when shorter). */
    static final Boolean HUFFMAN_WHEN_SHORTER = null;

    private final int ownMax;
    private final DynamicTable table = new DynamicTable(PROTOCOL_DEFAULT);
    /** Size updates not yet sent: the smallest size since the last block and the latest, or -1. */
    private int pendingMin = -1;
    private int pendingFinal = -1;
    private boolean atBlockStart = true;

    /** The representation and index chosen by {@link #plan}, read by {@link #write}. */
    private Representation planned;
    private int plannedIndex;

    /** @param maxHeaderTableSize the most dynamic table octets this encoder will use */
    public HpackEncoder(int maxHeaderTableSize) {
        if (maxHeaderTableSize < 0) {
            throw new IllegalArgumentException("negative HPACK table size " + maxHeaderTableSize);
        }
        this.ownMax = maxHeaderTableSize;
        tableSizeWanted(Math.min(maxHeaderTableSize, PROTOCOL_DEFAULT));
    }

    /** The peer's SETTINGS_HEADER_TABLE_SIZE; signalled at the start of the next block. */
    public void setMaxHeaderTableSize(int peerMax) {
        if (peerMax < 0) {
            throw new IllegalArgumentException("negative SETTINGS_HEADER_TABLE_SIZE " + peerMax);
        }
        tableSizeWanted(Math.min(ownMax, peerMax));
    }

    private void tableSizeWanted(int size) {
        int current = pendingFinal >= 0 ? pendingFinal : table.maxSize();
        if (size == current && pendingMin < 0) {
            return;
        }
        pendingMin = pendingMin < 0 ? Math.min(size, table.maxSize()) : Math.min(pendingMin, size);
        pendingFinal = size;
    }

    /** The next {@link #encode} starts a new header block (and sends any size update first). */
    public void beginBlock() {
        atBlockStart = true;
    }

    /** Encodes one field; see the class comment for the representation chosen. */
    public void encode(String name, String value, ByteBuffer out) {
        encode(name, value, false, out);
    }

    /**
     * Encodes one field.
     *
     * @param sensitive a secret (RFC 7541 section 7.1.3): sent as a never-indexed literal
     * @throws BufferOverflowException {@code out} has too little room; nothing was written
     */
    public void encode(String name, String value, boolean sensitive, ByteBuffer out) {
        int nameHash = StaticTable.hashName(name);
        int staticName = StaticTable.nameIndex(name, nameHash);
        int valueHash = value.hashCode();
        boolean never = IndexingPolicy.neverIndexed(staticName, sensitive);
        plan(name, nameHash, staticName, value, valueHash, !never);
        if (planned == null) {
            int entrySize = name.length() + value.length() + TableEntry.OVERHEAD;
            planned = IndexingPolicy.literalFor(staticName, sensitive, entrySize, effectiveMaxSize());
        }
        write(name, nameHash, staticName, value, valueHash, HUFFMAN_WHEN_SHORTER, out);
    }

    /** Encodes {@code :status}; the seven statuses of the static table in one octet. */
    public void encodeStatus(int status, ByteBuffer out) {
        encode(":status", StatusText.of(status), out);
    }

    /**
     * For tests (RFC 7541 Appendix C): encodes with the representation given (its name by index
     * when a table has it, as the examples do) and strings Huffman-coded or not as given
     * ({@code null}: when shorter).
     */
    void encode(String name, String value, Representation how, Boolean huffman, ByteBuffer out) {
        int nameHash = StaticTable.hashName(name);
        int staticName = StaticTable.nameIndex(name, nameHash);
        int valueHash = value.hashCode();
        plan(name, nameHash, staticName, value, valueHash, how == Representation.INDEXED);
        if (how == Representation.INDEXED && planned == null) {
            throw new IllegalArgumentException(name + ": " + value + " is in no table");
        }
        planned = how;
        write(name, nameHash, staticName, value, valueHash, huffman, out);
    }

    /**
     * Looks the field up: sets {@link #planned} to INDEXED and {@link #plannedIndex} to its index
     * when a table holds it whole (and {@code wholeAllowed}); else {@code planned} null and
     * {@code plannedIndex} the index of its name, 0 when no table has it.
     */
    private void plan(String name, int nameHash, int staticName, String value, int valueHash, boolean wholeAllowed) {
        planned = null;
        int whole = wholeAllowed ? StaticTable.index(staticName, value) : 0;
        if (whole != 0) {
            planned = Representation.INDEXED;
            plannedIndex = whole;
            return;
        }
        int nameAt = staticName;
        for (int i = 1, n = table.length(); i <= n; i++) {
            TableEntry e = table.get(i);
            if (e.nameHash != nameHash || !StaticTable.sameName(e.nameString(), name)) {
                continue;
            }
            if (wholeAllowed && e.valueHash == valueHash && e.valueString().equals(value)) {
                planned = Representation.INDEXED;
                plannedIndex = StaticTable.LENGTH + i;
                return;
            }
            if (nameAt == 0) {
                nameAt = StaticTable.LENGTH + i;
            }
        }
        plannedIndex = nameAt;
    }

    private void write(String name, int nameHash, int staticName, String value, int valueHash, Boolean huffman,
            ByteBuffer out) {
        Representation how = planned;
        int index = plannedIndex;
        boolean updates = atBlockStart && pendingFinal >= 0;
        boolean sendMin = updates && pendingMin < pendingFinal && pendingMin < table.maxSize();
        int length = 0;
        if (updates) {
            length += (sendMin ? PrefixInteger.length(pendingMin, 5) : 0) + PrefixInteger.length(pendingFinal, 5);
        }
        length += PrefixInteger.length(index, how.prefixBits);
        // the coded length of each string: negative when Huffman-coded (~length), computed once
        int nameCoded = 0;
        int valueCoded = 0;
        if (how != Representation.INDEXED) {
            if (index == 0) {
                nameCoded = codedLength(name, true, huffman);
                length += PrefixInteger.length(octets(nameCoded), 7) + octets(nameCoded);
            }
            valueCoded = codedLength(value, false, huffman);
            length += PrefixInteger.length(octets(valueCoded), 7) + octets(valueCoded);
        }
        if (out.remaining() < length) {
            throw new BufferOverflowException();
        }

        if (updates) {
            if (sendMin) {
                sizeUpdate(pendingMin, out);
            }
            sizeUpdate(pendingFinal, out);
            pendingMin = -1;
            pendingFinal = -1;
        }
        atBlockStart = false;
        PrefixInteger.write(out, how.pattern, how.prefixBits, index);
        if (how == Representation.INDEXED) {
            return;
        }
        if (index == 0) {
            writeString(name, true, nameCoded, out);
        }
        writeString(value, false, valueCoded, out);
        if (how == Representation.INCREMENTAL) {
            table.add(TableEntry.encoded(name, nameHash, staticName, value, valueHash));
        }
    }

    private void sizeUpdate(int size, ByteBuffer out) {
        PrefixInteger.write(out, 0x20, 5, size);
        table.setMaxSize(size);
    }

    /** The table size in force once pending updates are sent. */
    private int effectiveMaxSize() {
        return pendingFinal >= 0 ? pendingFinal : table.maxSize();
    }

    /**
     * The octets {@code s} takes as a string literal's data: its Huffman length as ~length
     * (negative) when Huffman-coded, else its length.
     *
     * @param forced true or false to force the choice, null for Huffman when shorter
     */
    private static int codedLength(String s, boolean lowerCase, Boolean forced) {
        if (Boolean.FALSE.equals(forced)) {
            return s.length();
        }
        int h = Huffman.encodedLength(s, lowerCase);
        return forced != null || h < s.length() ? ~h : s.length();
    }

    private static int octets(int coded) {
        return coded < 0 ? ~coded : coded;
    }

    private static void writeString(String s, boolean lowerCase, int coded, ByteBuffer out) {
        if (coded < 0) {
            PrefixInteger.write(out, 0x80, 7, ~coded);
            Huffman.encode(s, lowerCase, out);
            return;
        }
        int n = s.length();
        PrefixInteger.write(out, 0x00, 7, n);
        for (int i = 0; i < n; i++) {
            out.put((byte) Octets.of(s.charAt(i), lowerCase));
        }
    }

    /**
     * An upper bound of what {@link #encode} writes for this field, table size updates included:
     * a buffer with this much room never overflows.
     */
    public static int maxEncodedLength(String name, String value) {
        // a representation octet and up to two 7-bit length prefixes of at most 5 octets each
        return MAX_UPDATES_LENGTH + name.length() + value.length() + 16;
    }

    /** The dynamic table, for tests. */
    DynamicTable table() {
        return table;
    }

    @Override
    public String toString() {
        return "HpackEncoder[table " + table.size() + "/" + table.maxSize() + " octets in " + table.length()
                + " entries, own max " + ownMax
                + (pendingFinal >= 0 ? ", size update to " + pendingFinal + " pending" : "") + "]";
    }
}
