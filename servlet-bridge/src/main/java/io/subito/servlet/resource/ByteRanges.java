package io.subito.servlet.resource;

/** Parsing a Range header. Only a single range is honoured; several ranges get the whole file (allowed by RFC 9110). */
final class ByteRanges {
    record Range(long start, long end) {
        long length() {
            return end - start + 1;
        }
    }

    static final Range UNSATISFIABLE = new Range(-1, -2);

    private ByteRanges() {
    }

    /** The range, UNSATISFIABLE, or null to send the whole representation. */
    static Range parse(String header, long length) {
        String h = header.trim();
        if (!h.startsWith("bytes=")) {
            return null;
        }
        String spec = h.substring(6).trim();
        if (spec.indexOf(',') >= 0) {
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
