package io.subito.container;

/**
 * The encoded bytes of header lines an exchange sends again and again ("Content-Type:
 * text/plain\r\n"), keyed by the identity of the name and value strings. A line is kept only
 * once the same pair of strings has been seen twice, so values made fresh per request (dates,
 * cookies) never cost an allocation; they miss and are encoded in place.
 */
final class HeaderLineCache {
    private static final int SLOTS = 16;

    private final String[] names = new String[SLOTS];
    private final String[] values = new String[SLOTS];
    private final byte[][] lines = new byte[SLOTS][];

    /** Writes {@code name: value\r\n}. */
    void put(OutputBuffer out, String name, String value) {
        int slot = (System.identityHashCode(name) * 31 + System.identityHashCode(value)) & (SLOTS - 1);
        if (names[slot] == name && values[slot] == value) {
            byte[] line = lines[slot];
            if (line == null) {
                line = encode(name, value);
                lines[slot] = line;
            }
            out.put(line);
            return;
        }
        names[slot] = name;
        values[slot] = value;
        lines[slot] = null;
        out.putText(name);
        out.put((byte) ':');
        out.put((byte) ' ');
        out.putText(value);
        out.putCrlf();
    }

    private static byte[] encode(String name, String value) {
        OutputBuffer one = new OutputBuffer(name.length() + value.length() + 4);
        one.putText(name);
        one.put((byte) ':');
        one.put((byte) ' ');
        one.putText(value);
        one.putCrlf();
        return one.toByteArray();
    }
}
