package io.subito.container.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamMapTest {

    private static Http2Stream stream(int id) {
        return new Http2Stream(id, null, 1024, 65_535, 1024, false, 1000);
    }

    @Test
    void holdsNothingUntilTheFirstStream() {
        StreamMap m = new StreamMap();
        assertEquals(0, m.slots());
        assertNull(m.get(1));
        m.remove(1);
        assertEquals(0, m.size());
    }

    @Test
    void findsGrowsAndRemovesLikeAMap() {
        StreamMap m = new StreamMap();
        Map<Integer, Http2Stream> expected = new HashMap<>();
        Random r = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            int id = 2 * r.nextInt(300) + 1;
            if (expected.containsKey(id)) {
                m.remove(id);
                expected.remove(id);
            } else {
                Http2Stream s = stream(id);
                m.put(s);
                expected.put(id, s);
            }
            assertEquals(expected.size(), m.size());
            int probe = 2 * r.nextInt(300) + 1;
            assertSame(expected.get(probe), m.get(probe), "stream " + probe + " after round " + round);
        }
        int seen = 0;
        for (int i = 0; i < m.slots(); i++) {
            if (m.at(i) != null) {
                assertSame(expected.get(m.at(i).id), m.at(i));
                seen++;
            }
        }
        assertEquals(expected.size(), seen);
    }

    @Test
    void consecutiveOddIdsRemovedInAnyOrderLeaveItEmpty() {
        StreamMap m = new StreamMap();
        for (int id = 1; id < 200; id += 2) {
            m.put(stream(id));
        }
        for (int id = 199; id > 0; id -= 4) {
            m.remove(id);
        }
        for (int id = 1; id < 200; id += 2) {
            assertEquals((id - 199) % 4 != 0, m.get(id) != null, "stream " + id);
        }
        for (int id = 1; id < 200; id += 2) {
            m.remove(id);
        }
        assertEquals(0, m.size());
        assertNull(m.get(3));
    }
}
