package io.subito.servlet.resource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Deciding what to send for a Range header (RFC 9110 section 14.2). A malformed header, or one
 * in another unit, is ignored and the whole resource is sent. Ranges past the end are dropped;
 * nothing satisfiable left is a 416. Overlapping and adjacent ranges are merged (section 15.3.7.2
 * allows it), and the merged ranges keep the order in which the client first asked for them.
 *
 * <p>A header that asks for work for nothing is refused with 416 before a byte is read
 * (section 17.15): more ranges than {@code maxRanges}; ranges that add up to more bytes than the
 * resource has; or more than two ranges overlapping, which is Tomcat's rule (with three or more
 * ranges, at most one may start inside the ranges before it, in start order).
 */
final class ByteRanges {
    record Range(long start, long end) {
        long length() {
            return end - start + 1;
        }
    }

    /** What to answer. */
    enum Kind {
        /** 200 with the whole resource: no usable Range header. */
        WHOLE,
        /** 206 with {@link Plan#ranges()}. */
        PARTIAL,
        /** 416: no range overlaps the resource. */
        UNSATISFIABLE,
        /** 416: the header asks for work for nothing; {@link Plan#reason()} says why. */
        REFUSED
    }

    record Plan(Kind kind, List<Range> ranges, String reason) {
        static final Plan WHOLE = new Plan(Kind.WHOLE, List.of(), null);
        static final Plan UNSATISFIABLE = new Plan(Kind.UNSATISFIABLE, List.of(), "no range overlaps the resource");

        static Plan refused(String reason) {
            return new Plan(Kind.REFUSED, List.of(), reason);
        }
    }

    /** A spec that lies wholly past the end: dropped, though the header stays valid. */
    private static final Range PAST_THE_END = new Range(-1, -2);

    private ByteRanges() {
    }

    /**
     * @param header the Range header's value
     * @param length the resource's length in bytes
     * @param maxRanges more range specs than this are refused
     */
    static Plan plan(String header, long length, int maxRanges) {
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return Plan.WHOLE;
        }
        int count = 1;
        for (int i = 6; i < h.length(); i++) {
            if (h.charAt(i) == ',') {
                count++;
            }
        }
        if (count > maxRanges) {
            return Plan.refused(count + " ranges, more than maxRanges=" + maxRanges);
        }
        List<Range> ranges = new ArrayList<>(count);
        for (String spec : h.substring(6).split(",", -1)) {
            Range r = parse(spec.trim(), length);
            if (r == null) {
                return Plan.WHOLE;
            }
            if (r != PAST_THE_END) {
                ranges.add(r);
            }
        }
        if (ranges.isEmpty()) {
            return Plan.UNSATISFIABLE;
        }
        long total = 0;
        for (Range r : ranges) {
            total += r.length(); // both terms are at most length: no overflow for any real resource
            if (total > length) {
                return Plan.refused("the ranges add up to more than the resource's " + length + " bytes");
            }
        }
        return merge(ranges);
    }

    /** Tomcat's overlap rule, then overlapping and adjacent ranges joined, in the order first asked for. */
    private static Plan merge(List<Range> asked) {
        int n = asked.size();
        if (n == 1) {
            return new Plan(Kind.PARTIAL, asked, null);
        }
        Integer[] byStart = new Integer[n];
        for (int i = 0; i < n; i++) {
            byStart[i] = i;
        }
        Arrays.sort(byStart, Comparator.<Integer>comparingLong(i -> asked.get(i).start())
                .thenComparingLong(i -> asked.get(i).end()));
        int overlaps = 0;
        long furthest = -1;
        for (int i : byStart) {
            Range r = asked.get(i);
            if (r.start() <= furthest && ++overlaps > 1) {
                return Plan.refused("more than two of the " + n + " ranges overlap");
            }
            furthest = Math.max(furthest, r.end());
        }
        // join runs in start order; each joined range remembers the first position it was asked at
        List<long[]> joined = new ArrayList<>(n); // {start, end, first position}
        long[] cur = null;
        for (int i : byStart) {
            Range r = asked.get(i);
            if (cur != null && r.start() <= cur[1] + 1) {
                cur[1] = Math.max(cur[1], r.end());
                cur[2] = Math.min(cur[2], i);
            } else {
                cur = new long[] {r.start(), r.end(), i};
                joined.add(cur);
            }
        }
        joined.sort(Comparator.comparingLong(j -> j[2]));
        List<Range> out = new ArrayList<>(joined.size());
        for (long[] j : joined) {
            out.add(new Range(j[0], j[1]));
        }
        return new Plan(Kind.PARTIAL, out, null);
    }

    /** One range spec ({@code a-b}, {@code a-}, {@code -n}): the range, PAST_THE_END, or null when malformed. */
    static Range parse(String spec, long length) {
        if (spec.isEmpty()) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        if (!digits(a) || !digits(b) || (a.isEmpty() && b.isEmpty())) {
            return null;
        }
        try {
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || length == 0) {
                    return PAST_THE_END;
                }
                return new Range(Math.max(0, length - suffix), length - 1);
            }
            long start = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (last < start) {
                return null; // a syntactically invalid range: ignore the header
            }
            if (start >= length) {
                return PAST_THE_END;
            }
            return new Range(start, Math.min(last, length - 1));
        } catch (NumberFormatException e) {
            return null; // more digits than a long holds
        }
    }

    /** RFC 9110 allows only DIGITs; Long.parseLong would also take a sign. */
    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
