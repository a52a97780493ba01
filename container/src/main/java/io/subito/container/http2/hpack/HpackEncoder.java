package io.subito.container.http2.hpack;

import java.nio.ByteBuffer;

/** Temporary HPACK encoder: every field as a literal without indexing, the name indexed when the static table has it. */
public final class HpackEncoder {
    public HpackEncoder(int maxHeaderTableSize) {
    }

    public void setMaxHeaderTableSize(int size) {
    }

    public void beginBlock() {
    }

    public void encode(String name, String value, ByteBuffer out) {
        encode(name, value, false, out);
    }

    public void encode(String name, String value, boolean sensitive, ByteBuffer out) {
        int index = 0;
        for (int i = 0; i < StaticTable.ENTRIES.length; i++) {
            if (StaticTable.ENTRIES[i][0].equals(name)) {
                index = i + 1;
                break;
            }
        }
        integer(out, sensitive ? 0x10 : 0, 4, index);
        if (index == 0) {
            string(out, name);
        }
        string(out, value);
    }

    private static void integer(ByteBuffer out, int bits, int prefix, int v) {
        int max = (1 << prefix) - 1;
        if (v < max) {
            out.put((byte) (bits | v));
            return;
        }
        out.put((byte) (bits | max));
        v -= max;
        while (v >= 0x80) {
            out.put((byte) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static void string(ByteBuffer out, String s) {
        integer(out, 0, 7, s.length());
        for (int i = 0; i < s.length(); i++) {
            out.put((byte) s.charAt(i));
        }
    }
}
