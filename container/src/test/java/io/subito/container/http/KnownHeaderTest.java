package io.subito.container.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownHeaderTest {
    private static KnownHeader match(String name) {
        // padded on both sides: the word compares must read only the name's own bytes
        byte[] b = ("xx" + name + "yy").getBytes(StandardCharsets.ISO_8859_1);
        return KnownHeader.match(b, 2, name.length());
    }

    @Test
    void everyKnownNameIsMatchedInAnyCase() {
        for (KnownHeader h : KnownHeader.values()) {
            if (h == KnownHeader.OTHER) {
                continue;
            }
            String lower = new String(h.lower, StandardCharsets.ISO_8859_1);
            assertEquals(h, match(lower), lower);
            assertEquals(h, match(lower.toUpperCase()), lower);
            StringBuilder mixed = new StringBuilder();
            for (int i = 0; i < lower.length(); i++) {
                char c = lower.charAt(i);
                mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
            }
            assertEquals(h, match(mixed.toString()), mixed.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts", "hos", "hast", "Content_Length", "Content-Lengtx", "Xontent-Length",
            "Transfer-Encodinh", "Connectio~", "Expec^", "Content-Typf", "Content-Type1", "Accept", "", "X"})
    void otherNamesAreNotKnown(String name) {
        assertEquals(KnownHeader.OTHER, match(name), name);
    }
}
