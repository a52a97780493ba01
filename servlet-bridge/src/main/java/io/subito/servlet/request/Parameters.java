package io.subito.servlet.request;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request parameters: query string and urlencoded form, parsed on first use. Dispatches push a
 * layer whose query parameters take precedence (Servlet 6.1 section 9.1.1) and pop it after.
 */
public final class Parameters {
    private Map<String, List<String>> base = new LinkedHashMap<>();
    private final Deque<Map<String, List<String>>> layers = new ArrayDeque<>();
    private boolean parsed;
    private Map<String, String[]> mapView;

    public void recycle() {
        if (!base.isEmpty()) {
            base = new LinkedHashMap<>();
        }
        layers.clear();
        parsed = false;
        mapView = null;
    }

    public boolean isParsed() {
        return parsed;
    }

    public void markParsed() {
        parsed = true;
    }

    /**
     * Decodes {@code a=1&b=2} into the base layer; parameters beyond {@code maxCount} are
     * dropped, as Tomcat's maxParameterCount does.
     *
     * @return true when some were dropped, so the caller can say which setting to raise
     */
    public boolean addEncoded(String s, Charset cs, int maxCount) {
        mapView = null;
        return decodeInto(s, cs, base, maxCount);
    }

    /** Adds one decoded parameter to the base layer (a multipart form field). */
    public void add(String name, String value) {
        mapView = null;
        base.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }

    /** Adds a dispatch layer whose parameters come before the current values. */
    public void push(String query, Charset cs, int maxCount) {
        Map<String, List<String>> layer = new LinkedHashMap<>();
        if (query != null) {
            decodeInto(query, cs, layer, maxCount);
        }
        layers.push(layer);
        mapView = null;
    }

    public void pop() {
        layers.pop();
        mapView = null;
    }

    public String get(String name) {
        if (layers.isEmpty()) { // the common case: no dispatch layer, no iterator made
            List<String> v = base.get(name);
            return v == null ? null : v.get(0);
        }
        for (Map<String, List<String>> l : layers) {
            List<String> v = l.get(name);
            if (v != null) {
                return v.get(0);
            }
        }
        List<String> v = base.get(name);
        return v == null ? null : v.get(0);
    }

    public String[] values(String name) {
        if (layers.isEmpty()) { // the common case: no dispatch layer, no iterator made
            List<String> v = base.get(name);
            return v == null ? null : v.toArray(new String[0]);
        }
        List<String> out = null;
        for (Map<String, List<String>> l : layers) {
            List<String> v = l.get(name);
            if (v != null) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.addAll(v);
            }
        }
        List<String> v = base.get(name);
        if (v != null) {
            if (out == null) {
                return v.toArray(new String[0]);
            }
            out.addAll(v);
        }
        return out == null ? null : out.toArray(new String[0]);
    }

    public Map<String, String[]> asMap() {
        Map<String, String[]> m = mapView;
        if (m == null) {
            m = new LinkedHashMap<>();
            for (String n : names()) {
                m.put(n, values(n));
            }
            m = Collections.unmodifiableMap(m);
            mapView = m;
        }
        return m;
    }

    public Enumeration<String> nameEnumeration() {
        return Collections.enumeration(names());
    }

    private List<String> names() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Map<String, List<String>> l : layers) {
            names.addAll(l.keySet());
        }
        names.addAll(base.keySet());
        return new ArrayList<>(names);
    }

    /** @return true when text was left undecoded because {@code maxCount} was reached */
    private static boolean decodeInto(String s, Charset cs, Map<String, List<String>> into, int maxCount) {
        int count = 0;
        int i = 0;
        int n = s.length();
        while (i <= n && count < maxCount) {
            int amp = s.indexOf('&', i);
            if (amp < 0) {
                amp = n;
            }
            if (amp > i) {
                int eq = s.indexOf('=', i);
                String name;
                String value;
                if (eq < 0 || eq > amp) {
                    name = decode(s, i, amp, cs);
                    value = "";
                } else {
                    name = decode(s, i, eq, cs);
                    value = decode(s, eq + 1, amp, cs);
                }
                if (!name.isEmpty()) {
                    into.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
                    count++;
                }
            }
            i = amp + 1;
        }
        return i < n;
    }

    /**
     * application/x-www-form-urlencoded decoding of a byte-mapped (ISO-8859-1) string; a
     * malformed escape is kept literally.
     */
    static String decode(String s, int from, int to, Charset cs) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+' || c >= 0x80) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return s.substring(from, to);
        }
        byte[] out = new byte[to - from];
        int len = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out[len++] = ' ';
            } else if (c == '%' && i + 2 < to && hex(s, i + 1) >= 0 && hex(s, i + 2) >= 0) {
                out[len++] = (byte) (hex(s, i + 1) * 16 + hex(s, i + 2));
                i += 2;
            } else {
                // characters outside ISO-8859-1 only come from already-decoded input; keep them whole
                if (c > 0xFF) {
                    byte[] b = String.valueOf(c).getBytes(cs == null ? StandardCharsets.UTF_8 : cs);
                    if (len + b.length > out.length) {
                        out = java.util.Arrays.copyOf(out, out.length + b.length + 8);
                    }
                    System.arraycopy(b, 0, out, len, b.length);
                    len += b.length;
                } else {
                    out[len++] = (byte) c;
                }
            }
        }
        return new String(out, 0, len, cs);
    }

    private static int hex(String s, int i) {
        if (i >= s.length()) {
            return -1;
        }
        return Character.digit(s.charAt(i), 16);
    }
}
