package io.subito.container.http2.hpack;

import java.nio.charset.StandardCharsets;

/**
 * One (name, value) of the static or a dynamic table. Entries never change once made, apart
 * from the Strings a decoder entry makes on first request; so an entry's name octets may be
 * shared by later entries that name it by index, and an application may keep the Strings.
 * Static entries carry their interned constants from the start and are shared by every thread.
 */
final class TableEntry {
    /** What RFC 7541 section 4.1 adds to every entry's octets. */
    static final int OVERHEAD = 32;

    /** The octets, for the decoder; null in the encoder's entries, which work on Strings. */
    final byte[] name;
    final byte[] value;
    /** This entry's index in the static table, 0 for a dynamic entry. */
    final int staticIndex;
    /** The static table's first entry with this name, 0 if the name is not there. */
    final int staticNameIndex;
    /** name + value octets + 32. */
    final int size;
    /** For the encoder's look-ups: {@link StaticTable#hashName} of the name, and the value's hashCode. */
    final int nameHash;
    final int valueHash;

    private String nameString;
    private String valueString;

    private TableEntry(byte[] name, byte[] value, String nameString, String valueString, int staticIndex,
            int staticNameIndex, int size, int nameHash, int valueHash) {
        this.name = name;
        this.value = value;
        this.nameString = nameString;
        this.valueString = valueString;
        this.staticIndex = staticIndex;
        this.staticNameIndex = staticNameIndex;
        this.size = size;
        this.nameHash = nameHash;
        this.valueHash = valueHash;
    }

    /** A static table entry: its constants and their octets. */
    static TableEntry ofStatic(int index, int staticNameIndex, String name, String value) {
        return new TableEntry(name.getBytes(StandardCharsets.ISO_8859_1), value.getBytes(StandardCharsets.ISO_8859_1),
                name, value, index, staticNameIndex, name.length() + value.length() + OVERHEAD,
                StaticTable.hashName(name), value.hashCode());
    }

    /** A decoder entry with a literal name that is not in the static table; Strings made on request. */
    static TableEntry decoded(byte[] name, byte[] value) {
        return new TableEntry(name, value, null, null, 0, 0, name.length + value.length + OVERHEAD, 0, 0);
    }

    /**
     * A decoder entry with this entry's name (its octets, and its String if made already) and
     * another value: a literal whose name is given by index.
     */
    TableEntry withValue(byte[] newValue) {
        return new TableEntry(name, newValue, nameString, null, 0, staticNameIndex,
                name.length + newValue.length + OVERHEAD, 0, 0);
    }

    /** An encoder entry: the Strings as the caller gave them (each char one octet on the wire). */
    static TableEntry encoded(String name, int nameHash, int staticNameIndex, String value, int valueHash) {
        return new TableEntry(null, null, name, value, 0, staticNameIndex,
                name.length() + value.length() + OVERHEAD, nameHash, valueHash);
    }

    String nameString() {
        String s = nameString;
        if (s == null) {
            s = new String(name, StandardCharsets.ISO_8859_1);
            nameString = s;
        }
        return s;
    }

    String valueString() {
        String s = valueString;
        if (s == null) {
            s = new String(value, StandardCharsets.ISO_8859_1);
            valueString = s;
        }
        return s;
    }

    @Override
    public String toString() {
        return "(s = " + size + ") " + nameString() + ": " + valueString();
    }
}
