package io.subito.servlet.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.resource.ByteRanges.Kind;
import io.subito.servlet.resource.ByteRanges.Plan;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The Range header decisions in memory; DefaultServletTest and RangeAbuseTest show them over sockets. */
class ByteRangesTest {
    private static final long LENGTH = 1000;

    private static Plan plan(String header) {
        return ByteRanges.plan(header, LENGTH, 32);
    }

    /** The ranges of a PARTIAL plan as "a-b,c-d". */
    private static String ranges(Plan p) {
        assertEquals(Kind.PARTIAL, p.kind(), () -> "expected PARTIAL, got " + p);
        StringBuilder sb = new StringBuilder();
        for (ByteRanges.Range r : p.ranges()) {
            sb.append(sb.length() == 0 ? "" : ",").append(r.start()).append('-').append(r.end());
        }
        return sb.toString();
    }

    @Test
    void oneRangeOfEachFormIsServedAsAsked() {
        assertEquals("10-19", ranges(plan("bytes=10-19")));
        assertEquals("990-999", ranges(plan("bytes=990-")));
        assertEquals("900-999", ranges(plan("bytes=-100")));
        assertEquals("0-999", ranges(plan("bytes=-5000")));
        assertEquals("500-999", ranges(plan("bytes=500-99999")));
        assertEquals("0-0", ranges(plan("BYTES=0-0")));
    }

    @Test
    void disjointRangesKeepTheOrderTheClientAskedFor() {
        assertEquals("700-799,0-99,300-399", ranges(plan("bytes=700-799, 0-99 ,300-399")));
    }

    @Test
    void overlappingRangesAreMergedIntoOne() {
        assertEquals("0-149", ranges(plan("bytes=0-99,50-149")));
        assertEquals("0-149", ranges(plan("bytes=50-149,0-99")));
    }

    @Test
    void adjacentRangesAreMergedIntoOne() {
        assertEquals("0-199", ranges(plan("bytes=0-99,100-199")));
        assertEquals("0-299", ranges(plan("bytes=200-299,100-199,0-99")));
    }

    @Test
    void aMergedRangeTakesThePlaceOfItsFirstAskedPart() {
        assertEquals("900-949,0-199", ranges(plan("bytes=900-949,100-199,0-99")));
        assertEquals("0-9,500-599", ranges(plan("bytes=0-9,550-599,500-549")));
    }

    @Test
    void aDuplicatedRangeIsSentOnce() {
        assertEquals("0-0", ranges(plan("bytes=0-0,0-0")));
    }

    @Test
    void moreRangesThanMaxRangesAreRefusedNamingTheSetting() {
        String header = "bytes=" + String.join(",", Collections.nCopies(33, "0-0"));
        Plan p = plan(header);
        assertEquals(Kind.REFUSED, p.kind());
        assertEquals("33 ranges, more than maxRanges=32", p.reason());
        assertEquals(Kind.PARTIAL, ByteRanges.plan("bytes=0-0,2-2,4-4", LENGTH, 3).kind());
        assertEquals(Kind.REFUSED, ByteRanges.plan("bytes=0-0,2-2,4-4", LENGTH, 2).kind());
    }

    @Test
    void rangesAddingUpToMoreThanTheResourceAreRefused() {
        Plan p = plan("bytes=0-,0-");
        assertEquals(Kind.REFUSED, p.kind());
        assertTrue(p.reason().contains("1000 bytes"), p.reason());
        assertEquals(Kind.REFUSED, plan("bytes=0-599,400-999").kind());
        assertEquals("0-999", ranges(plan("bytes=0-499,500-999")));
    }

    @Test
    void thirtyTwoWholeResourceRangesAreRefused() {
        Plan p = plan("bytes=" + String.join(",", Collections.nCopies(32, "0-")));
        assertEquals(Kind.REFUSED, p.kind());
    }

    /** Tomcat's rule: with three or more ranges, at most one may overlap those before it. */
    @Test
    void moreThanTwoOverlappingRangesAreRefusedAsOnTomcat() {
        assertEquals("0-29", ranges(plan("bytes=0-19,10-29")));
        assertEquals("0-29,100-109", ranges(plan("bytes=0-19,10-29,100-109")));
        Plan three = plan("bytes=0-19,10-29,15-24");
        assertEquals(Kind.REFUSED, three.kind());
        assertEquals("more than two of the 3 ranges overlap", three.reason());
        assertEquals(Kind.REFUSED, plan("bytes=0-19,10-29,100-119,110-129").kind());
        assertEquals(Kind.REFUSED, plan("bytes=5-5,5-5,5-5").kind());
    }

    @Test
    void rangesPastTheEndAreDroppedAndNoneLeftIsUnsatisfiable() {
        assertEquals("0-4", ranges(plan("bytes=0-4,1000-1200")));
        assertEquals(Kind.UNSATISFIABLE, plan("bytes=1000-1200,5000-").kind());
        assertEquals(Kind.UNSATISFIABLE, plan("bytes=-0").kind());
        assertEquals(Kind.UNSATISFIABLE, ByteRanges.plan("bytes=-5", 0, 32).kind());
    }

    @Test
    void malformedOrForeignHeadersAreIgnored() {
        for (String h : new String[] {"items=0-1", "bytes=", "bytes=5-1", "bytes=a-b", "bytes=+1-2", "bytes=1-+2",
                "bytes=-", "bytes=0-1,,2-3", "bytes=1", "bytes=0-1-2", "bytes=99999999999999999999-"}) {
            assertEquals(Kind.WHOLE, plan(h).kind(), h);
        }
    }
}
