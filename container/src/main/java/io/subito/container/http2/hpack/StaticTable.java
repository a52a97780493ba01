package io.subito.container.http2.hpack;

import java.util.Arrays;

/**
 * The static table of RFC 7541 Appendix A. Its names and values are the String constants below,
 * interned by the JVM, so a decoded {@code :method GET} costs no allocation; names are found by
 * a small hash table, case-insensitively for the encoder (a servlet writes {@code Content-Type})
 * and exactly for the decoder (an upper-case name from a peer is malformed and must stay visible).
 */
final class StaticTable {
    static final int LENGTH = 61;

    private static final String[][] FIELDS = {
        {":authority", ""},
        {":method", "GET"},
        {":method", "POST"},
        {":path", "/"},
        {":path", "/index.html"},
        {":scheme", "http"},
        {":scheme", "https"},
        {":status", "200"},
        {":status", "204"},
        {":status", "206"},
        {":status", "304"},
        {":status", "400"},
        {":status", "404"},
        {":status", "500"},
        {"accept-charset", ""},
        {"accept-encoding", "gzip, deflate"},
        {"accept-language", ""},
        {"accept-ranges", ""},
        {"accept", ""},
        {"access-control-allow-origin", ""},
        {"age", ""},
        {"allow", ""},
        {"authorization", ""},
        {"cache-control", ""},
        {"content-disposition", ""},
        {"content-encoding", ""},
        {"content-language", ""},
        {"content-length", ""},
        {"content-location", ""},
        {"content-range", ""},
        {"content-type", ""},
        {"cookie", ""},
        {"date", ""},
        {"etag", ""},
        {"expect", ""},
        {"expires", ""},
        {"from", ""},
        {"host", ""},
        {"if-match", ""},
        {"if-modified-since", ""},
        {"if-none-match", ""},
        {"if-range", ""},
        {"if-unmodified-since", ""},
        {"last-modified", ""},
        {"link", ""},
        {"location", ""},
        {"max-forwards", ""},
        {"proxy-authenticate", ""},
        {"proxy-authorization", ""},
        {"range", ""},
        {"referer", ""},
        {"refresh", ""},
        {"retry-after", ""},
        {"server", ""},
        {"set-cookie", ""},
        {"strict-transport-security", ""},
        {"transfer-encoding", ""},
        {"user-agent", ""},
        {"vary", ""},
        {"via", ""},
        {"www-authenticate", ""},
    };

    /** Index 1 to 61; [0] unused. */
    private static final TableEntry[] ENTRIES = new TableEntry[LENGTH + 1];
    /** Open addressing: slot to the first static index with a name hashing there, 0 empty. */
    private static final int[] NAME_SLOTS = new int[128];

    static {
        for (int i = 1; i <= LENGTH; i++) {
            String name = FIELDS[i - 1][0];
            int first = i > 1 && FIELDS[i - 2][0].equals(name) ? ENTRIES[i - 1].staticNameIndex : i;
            ENTRIES[i] = TableEntry.ofStatic(i, first, name, FIELDS[i - 1][1]);
            if (first == i) {
                int slot = hashName(name) & (NAME_SLOTS.length - 1);
                while (NAME_SLOTS[slot] != 0) {
                    slot = (slot + 1) & (NAME_SLOTS.length - 1);
                }
                NAME_SLOTS[slot] = i;
            }
        }
    }

    private StaticTable() {
    }

    /** Entry 1 to 61. */
    static TableEntry get(int index) {
        return ENTRIES[index];
    }

    /** The hash the name look-ups use: of the name in lower case, as the wire carries it. */
    static int hashName(CharSequence name) {
        int h = 0;
        for (int i = 0, n = name.length(); i < n; i++) {
            h = 31 * h + Octets.of(name.charAt(i), true);
        }
        return mix(h);
    }

    private static int mix(int h) {
        return h ^ (h >>> 7) ^ (h >>> 16);
    }

    /**
     * The first static index with this name in any case (the encoder's view: it sends names in
     * lower case), 0 if none. {@code hash} is {@link #hashName} of it.
     */
    static int nameIndex(CharSequence name, int hash) {
        for (int slot = hash & (NAME_SLOTS.length - 1);; slot = (slot + 1) & (NAME_SLOTS.length - 1)) {
            int index = NAME_SLOTS[slot];
            if (index == 0) {
                return 0;
            }
            if (ENTRIES[index].nameHash == hash && sameName(ENTRIES[index].nameString(), name)) {
                return index;
            }
        }
    }

    /** The first static index whose name is exactly these octets, 0 if none (the decoder's view). */
    static int nameIndex(byte[] b, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + (b[i] & 0xFF);
        }
        h = mix(h);
        for (int slot = h & (NAME_SLOTS.length - 1);; slot = (slot + 1) & (NAME_SLOTS.length - 1)) {
            int index = NAME_SLOTS[slot];
            if (index == 0) {
                return 0;
            }
            byte[] name = ENTRIES[index].name;
            if (ENTRIES[index].nameHash == h && Arrays.equals(name, 0, name.length, b, off, off + len)) {
                return index;
            }
        }
    }

    /** The static index of exactly (name, value), given the name's first index; 0 if none. */
    static int index(int nameIndex, String value) {
        if (nameIndex == 0) {
            return 0;
        }
        int hash = value.hashCode();
        for (int i = nameIndex; i <= LENGTH && ENTRIES[i].staticNameIndex == nameIndex; i++) {
            if (ENTRIES[i].valueHash == hash && ENTRIES[i].valueString().equals(value)) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Whether {@code given} is {@code name} (a lower-case name) as the encoder sends it: ASCII
     * letters in any case, every other char mapped as {@link Octets#of}.
     */
    static boolean sameName(String name, CharSequence given) {
        int n = name.length();
        if (given.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Octets.of(given.charAt(i), true) != Octets.of(name.charAt(i), true)) {
                return false;
            }
        }
        return true;
    }
}
