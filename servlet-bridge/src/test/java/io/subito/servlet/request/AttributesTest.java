package io.subito.servlet.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributesTest {

    private static List<String> names(Attributes a) {
        return Collections.list(a.names());
    }

    @Test
    void putAnswersThePreviousValueAndReplacesInPlace() {
        Attributes a = new Attributes();
        assertNull(a.put("x", 1));
        assertNull(a.put("y", 2));
        assertEquals(1, a.put(new String("x"), 3));
        assertEquals(3, a.get("x"));
        assertEquals(List.of("x", "y"), names(a));
    }

    @Test
    void removeKeepsTheOrderOfTheOthers() {
        Attributes a = new Attributes();
        for (String n : List.of("a", "b", "c", "d")) {
            a.put(n, n);
        }
        assertEquals("b", a.remove("b"));
        assertNull(a.remove("b"));
        assertEquals(List.of("a", "c", "d"), names(a));
        assertNull(a.get("b"));
        assertNull(a.get(null));
    }

    @Test
    void moreNamesThanTheShortListMoveToAMapAndRecycleEmptiesBoth() {
        Attributes a = new Attributes();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < Attributes.LINEAR_MAX + 10; i++) {
            a.put("n" + i, i);
            expected.add("n" + i);
        }
        assertEquals(expected, names(a));
        assertEquals(Attributes.LINEAR_MAX + 5, a.get("n" + (Attributes.LINEAR_MAX + 5)));
        assertEquals(3, a.remove("n3"));
        a.recycle();
        assertEquals(List.of(), names(a));
        assertNull(a.get("n1"));
        a.put("again", 1);
        assertEquals(List.of("again"), names(a));
    }

    @Test
    void namesIsACopySoChangesWhileEnumeratingAreSafe() {
        Attributes a = new Attributes();
        a.put("a", 1);
        a.put("b", 2);
        var e = a.names();
        a.remove("a");
        a.put("c", 3);
        assertEquals(List.of("a", "b"), Collections.list(e));
    }

    @Test
    void namesWithTheSameHashAreToldApartByEquals() {
        Attributes a = new Attributes();
        assertEquals("Aa".hashCode(), "BB".hashCode());
        a.put("Aa", 1);
        assertNull(a.get("BB"));
        a.put("BB", 2);
        assertEquals(1, a.get(new String("Aa")));
        assertEquals(2, a.get(new String("BB")));
        assertEquals(1, a.remove("Aa"));
        assertNull(a.get("Aa"));
        assertEquals(2, a.get("BB"));
    }

    @Test
    void aNameBuiltPerRequestFindsTheValueSetUnderAnEqualName() {
        Attributes a = new Attributes();
        String filter = "characterEncodingFilter";
        a.put(filter + ".FILTERED", Boolean.TRUE);
        assertEquals(Boolean.TRUE, a.get(filter + ".FILTERED"));
        assertEquals(Boolean.TRUE, a.remove(filter + ".FILTERED"));
        assertNull(a.get(filter + ".FILTERED"));
    }

    @Test
    void aRemovedNameStaysAbsentWhileOthersAreSetAndEmptyingForgetsEveryName() {
        Attributes a = new Attributes();
        for (int i = 0; i < 20; i++) {
            a.put("name" + i, i);
        }
        for (int i = 0; i < 20; i += 2) {
            assertEquals(i, a.remove("name" + i));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(i % 2 == 0 ? null : i, a.get("name" + i));
        }
        for (int i = 1; i < 20; i += 2) {
            a.remove("name" + i);
        }
        assertEquals(List.of(), names(a));
        a.put("late", 1);
        assertNull(a.get("name1"));
        assertEquals(1, a.get("late"));
    }
}
