package io.subito.container.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SWAR scan against a byte-by-byte reference. */
class AsciiTest {
    private static int reference(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 || c == 0x7F) {
                return i;
            }
        }
        return to;
    }

    @Test
    void findControlMatchesTheReferenceOnEveryByteValueAndOffset() {
        for (int v = 0; v < 256; v++) {
            for (int at = 0; at < 20; at++) {
                byte[] b = new byte[24];
                java.util.Arrays.fill(b, (byte) 'a');
                b[at] = (byte) v;
                for (int from = 0; from <= at; from++) {
                    assertEquals(reference(b, from, b.length), Ascii.findControl(b, from, b.length),
                            "byte " + v + " at " + at + " from " + from);
                    assertEquals(reference(b, from, at), Ascii.findControl(b, from, at), "limit before the byte");
                }
            }
        }
    }

    @Test
    void findControlMatchesTheReferenceOnRandomText() {
        Random rnd = new Random(3);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                int kind = rnd.nextInt(20);
                b[i] = (byte) (kind == 0 ? rnd.nextInt(0x20) : kind == 1 ? 0x7F : kind < 5 ? 0x80 + rnd.nextInt(0x80)
                        : 0x20 + rnd.nextInt(0x5F));
            }
            int from = rnd.nextInt(b.length);
            int to = from + rnd.nextInt(b.length - from + 1);
            assertEquals(reference(b, from, to), Ascii.findControl(b, from, to));
        }
    }

    @Test
    void tokenCharacters() {
        String tchar = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int c = 0; c < 256; c++) {
            assertEquals(tchar.indexOf(c) >= 0, Ascii.isToken((byte) c), "char " + c);
        }
    }
}
