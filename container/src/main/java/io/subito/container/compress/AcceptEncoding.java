package io.subito.container.compress;

/**
 * What a request's {@code Accept-Encoding} (RFC 9110 section 12.5.3) says about gzip, read in
 * place from the field values: the weights of {@code gzip} (or {@code x-gzip}), {@code identity}
 * and {@code *}. Reused per exchange ({@link #reset}), so reading allocates nothing.
 *
 * <p>Rules: a weight is {@code q=} with {@code 0}..{@code 1} and up to three decimals; a member
 * with a malformed weight is ignored, as if absent; a coding listed twice counts with its lower
 * weight (a refusal is never outvoted). gzip is acceptable when it (or, unlisted, {@code *}) has
 * a weight above 0 that is not below an explicit {@code identity} weight. An empty field value
 * accepts no coding. Nothing here refuses identity: a client saying {@code identity;q=0} that
 * cannot have gzip gets the identity body all the same, as from Tomcat (not a 406).
 */
public final class AcceptEncoding {
    /** Weights are kept in thousandths; this marks a coding the field does not list. */
    public static final int ABSENT = -1;

    private int gzip;
    private int identity;
    private int any;
    private boolean present;

    public AcceptEncoding() {
        reset();
    }

    public AcceptEncoding reset() {
        gzip = ABSENT;
        identity = ABSENT;
        any = ABSENT;
        present = false;
        return this;
    }

    /** Reads one field value (call once per Accept-Encoding field line). */
    public AcceptEncoding add(CharSequence value) {
        present = true;
        int n = value.length();
        int i = 0;
        while (i < n) {
            int end = i;
            while (end < n && value.charAt(end) != ',') {
                end++;
            }
            member(value, i, end);
            i = end + 1;
        }
        return this;
    }

    /** One list member: {@code coding *( OWS ";" OWS param )}. */
    private void member(CharSequence v, int from, int to) {
        int s = skipSpace(v, from, to);
        int e = s;
        while (e < to && v.charAt(e) != ';' && !isSpace(v.charAt(e))) {
            e++;
        }
        if (e == s) {
            return; // an empty member (",,") is allowed and says nothing
        }
        int weight = 1000;
        int p = skipSpace(v, e, to);
        while (p < to) {
            if (v.charAt(p) != ';') {
                return; // junk after the coding: the member is malformed
            }
            p = skipSpace(v, p + 1, to);
            int paramEnd = p;
            while (paramEnd < to && v.charAt(paramEnd) != ';') {
                paramEnd++;
            }
            int eq = p;
            while (eq < paramEnd && v.charAt(eq) != '=') {
                eq++;
            }
            if (is(v, p, trimEnd(v, p, eq), "q")) {
                // a weight that is not a qvalue makes the member unreadable: it counts as absent
                weight = eq == paramEnd ? -1 : qvalue(v, skipSpace(v, eq + 1, paramEnd), trimEnd(v, eq + 1, paramEnd));
                if (weight < 0) {
                    return;
                }
            }
            p = paramEnd;
        }
        if (is(v, s, e, "gzip") || is(v, s, e, "x-gzip")) {
            gzip = lower(gzip, weight);
        } else if (is(v, s, e, "identity")) {
            identity = lower(identity, weight);
        } else if (is(v, s, e, "*")) {
            any = lower(any, weight);
        }
    }

    /** {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )} in thousandths, or -1. */
    static int qvalue(CharSequence v, int from, int to) {
        if (from >= to) {
            return -1;
        }
        char first = v.charAt(from);
        if (first != '0' && first != '1') {
            return -1;
        }
        int q = (first - '0') * 1000;
        if (from + 1 == to) {
            return q;
        }
        if (v.charAt(from + 1) != '.' || to - from - 2 > 3) {
            return -1;
        }
        int scale = 100;
        for (int i = from + 2; i < to; i++, scale /= 10) {
            char c = v.charAt(i);
            if (c < '0' || c > '9' || first == '1' && c != '0') {
                return -1;
            }
            q += (c - '0') * scale;
        }
        return q;
    }

    private static int lower(int old, int weight) {
        return old == ABSENT ? weight : Math.min(old, weight);
    }

    private static boolean is(CharSequence v, int s, int e, String name) {
        if (e - s != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = v.charAt(s + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int trimEnd(CharSequence v, int from, int to) {
        while (to > from && isSpace(v.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static int skipSpace(CharSequence v, int i, int to) {
        while (i < to && isSpace(v.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether the field was present at all (without it, nothing is compressed, as by Tomcat). */
    public boolean present() {
        return present;
    }

    /** The weight gzip gets, in thousandths: its own, else that of {@code *}, else 0. */
    public int gzipWeight() {
        return gzip != ABSENT ? gzip : any != ABSENT ? any : 0;
    }

    /** The weight {@code identity} is given explicitly, or {@link #ABSENT}. */
    public int identityWeight() {
        return identity;
    }

    /** Whether the response may be gzip-coded for this request. */
    public boolean allowsGzip() {
        int g = gzipWeight();
        return g > 0 && (identity == ABSENT || g >= identity);
    }

    @Override
    public String toString() {
        return "AcceptEncoding[gzip=" + gzip + ", identity=" + identity + ", *=" + any + ", present=" + present + "]";
    }
}
