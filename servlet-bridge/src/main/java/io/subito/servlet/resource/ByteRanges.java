package io.subito.servlet.resource;

/**
 * Parsing a Range header (RFC 9110 section 14.2): one range or several; ranges past the end are
 * dropped, and a header with nothing satisfiable left is UNSATISFIABLE (416). A malformed header,
 * or one asking for more than {@link #MAX_RANGES} ranges, is ignored and the whole file is sent.
 */
final class ByteRanges {
    /** More ranges than this is a client trying to make us do work for nothing (RFC 9110 17.15). */
    static final int MAX_RANGES = 32;

    record Range(long start, long end) {
        long length() {
            return end - start + 1;
        }
    }

    static final Range UNSATISFIABLE = new Range(-1, -2);

    private ByteRanges() {
    }

    /** The satisfiable ranges in request order, a list holding only UNSATISFIABLE, or null to send the whole file. */
    static java.util.List<Range> parseAll(String header, long length) {
        String h = header.trim();
        if (!h.startsWith("bytes=")) {
            return null;
        }
        String[] specs = h.substring(6).split(",");
        if (specs.length > MAX_RANGES) {
            return null;
        }
        java.util.List<Range> ranges = new java.util.ArrayList<>(specs.length);
        for (String spec : specs) {
            Range r = parse(spec.trim(), length);
            if (r == null) {
                return null;
            }
            if (r != UNSATISFIABLE) {
                ranges.add(r);
            }
        }
        return ranges.isEmpty() ? java.util.List.of(UNSATISFIABLE) : ranges;
    }

    /** One range spec ({@code a-b}, {@code a-}, {@code -n}): the range, UNSATISFIABLE, or null when malformed. */
    static Range parse(String spec, long length) {
        if (spec.isEmpty()) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    return UNSATISFIABLE;
                }
                return length == 0 ? UNSATISFIABLE : new Range(Math.max(0, length - suffix), length - 1);
            }
            long start = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (last < start) {
                return null; // a syntactically invalid range: ignore the header
            }
            if (start >= length) {
                return UNSATISFIABLE;
            }
            return new Range(start, Math.min(last, length - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
