package io.subito.container.http2.hpack;

import java.nio.charset.StandardCharsets;

/**
 * A decoded header name or value as the decoder hands it to a {@link HeaderSink}: a view of its
 * octets (each a char 0 to 255, as ISO-8859-1), valid only during that call; the decoder reuses
 * it for the next field. Nothing is allocated until {@link #toString()} is called, and then:
 * <ul>
 *   <li>a field from the static table gives its interned constant ({@code ":method"},
 *       {@code "GET"}, {@code "content-type"});</li>
 *   <li>a field from the dynamic table gives the String that entry made the first time it was
 *       asked, the same String for every later request on the connection that sends it by
 *       index (a browser's {@code user-agent}, its {@code cookie});</li>
 *   <li>a literal name that is a static-table name gives that constant;</li>
 *   <li>any other literal a new String.</li>
 * </ul>
 * {@link #staticIndex()} lets a caller recognise well-known names with one int compare.
 */
public final class HeaderText implements CharSequence {
    private byte[] bytes;
    private int offset;
    private int length;
    /** The table entry this text is the name or value of, or null for a literal. */
    private TableEntry entry;
    private boolean isName;
    private String string;
    /** -1 until computed for a literal name. */
    private int staticIndex;

    HeaderText() {
    }

    void set(TableEntry e, boolean name) {
        entry = e;
        isName = name;
        bytes = name ? e.name : e.value;
        offset = 0;
        length = bytes.length;
        string = null;
        staticIndex = name ? e.staticNameIndex : e.staticIndex;
    }

    void set(byte[] b, int off, int len, boolean name) {
        entry = null;
        isName = name;
        bytes = b;
        offset = off;
        length = len;
        string = null;
        staticIndex = name ? -1 : 0;
    }

    /** A literal that was only measured, not kept (its field is past a limit and never delivered). */
    void setUnkept(int len) {
        set(null, 0, len, false);
    }

    /** Octets, not chars of a longer text: the length in octets. */
    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return (char) byteAt(index);
    }

    /** Octet {@code index}, 0 to 255. */
    public int byteAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return bytes[offset + index] & 0xFF;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    /** Copies the octets into {@code dst} from {@code dstOff}. */
    public void copyTo(byte[] dst, int dstOff) {
        System.arraycopy(bytes, offset, dst, dstOff, length);
    }

    /** Whether this is exactly {@code s} (no case folding). */
    public boolean contentEquals(CharSequence s) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != (char) (bytes[offset + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /**
     * For a name: the index (1 to 61) of the static table's first entry with exactly this name,
     * 0 if it is not one of them ({@code 31} for {@code content-type}, whatever the
     * representation that carried it). For a value: the static entry the whole field was, when
     * it was one ({@code 2} for {@code :method: GET}), else 0.
     */
    public int staticIndex() {
        if (staticIndex < 0) {
            staticIndex = StaticTable.nameIndex(bytes, offset, length);
        }
        return staticIndex;
    }

    @Override
    public String toString() {
        String s = string;
        if (s == null) {
            s = entry != null ? (isName ? entry.nameString() : entry.valueString())
                    : isName && staticIndex() != 0 ? StaticTable.get(staticIndex()).nameString()
                    : new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
            string = s;
        }
        return s;
    }
}
