package io.subito.servlet.request;

import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request attributes, kept with the pooled request state and cleared between requests.
 * Frameworks set and remove a dozen or so per request (Spring MVC: the handler, the path, the
 * filters' markers), mostly under constant names: a short array searched by hash (a constant
 * name's hash is cached in the String), then identity or equals, serves them without the node a
 * hash map allocates per put or the table it clears per request. Most lookups are misses (a
 * framework asks whether it already ran, or whether this is an include): a 64-bit mask of the
 * names' hashes answers most of them without a scan. The scan runs from the newest name, as
 * frameworks remove their markers in the reverse order they set them. Past {@link #LINEAR_MAX}
 * names the attributes move to a hash map until the request ends, so an application with
 * hundreds of them does not scan.
 */
public final class Attributes {
    static final int LINEAR_MAX = 32;

    /** Name and value side by side (a name at 2i, its value at 2i+1): one array to search, shift and clear. */
    private Object[] entries = new Object[32];
    private int[] hashes = new int[16];
    private int size;
    /** One bit per name present (by {@link #bit} of its hash); may keep bits of removed names. */
    private long present;
    /** Non-null while this request has more than LINEAR_MAX attributes; then the arrays are unused. */
    private Map<String, Object> big;

    public Object get(String name) {
        if (big != null) {
            return big.get(name);
        }
        int i = indexOf(name);
        return i < 0 ? null : entries[2 * i + 1];
    }

    /** Returns the previous value. */
    public Object put(String name, Object value) {
        if (big != null) {
            return big.put(name, value);
        }
        int i = indexOf(name);
        if (i >= 0) {
            Object old = entries[2 * i + 1];
            entries[2 * i + 1] = value;
            return old;
        }
        if (size == LINEAR_MAX) {
            big = new LinkedHashMap<>(4 * LINEAR_MAX);
            for (int j = 0; j < size; j++) {
                big.put((String) entries[2 * j], entries[2 * j + 1]);
            }
            clearArrays();
            return big.put(name, value);
        }
        if (size == hashes.length) {
            int n = Math.min(2 * size, LINEAR_MAX);
            entries = Arrays.copyOf(entries, 2 * n);
            hashes = Arrays.copyOf(hashes, n);
        }
        int h = name.hashCode();
        entries[2 * size] = name;
        entries[2 * size + 1] = value;
        hashes[size] = h;
        size++;
        present |= bit(h);
        return null;
    }

    public Object remove(String name) {
        if (big != null) {
            return big.remove(name);
        }
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        Object old = entries[2 * i + 1];
        int tail = size - i - 1;
        if (tail > 0) {
            // shifted, not swapped: the names keep the order they were set in
            System.arraycopy(entries, 2 * i + 2, entries, 2 * i, 2 * tail);
            System.arraycopy(hashes, i + 1, hashes, i, tail);
        }
        size--;
        entries[2 * size] = null;
        entries[2 * size + 1] = null;
        if (size == 0) {
            present = 0;
        }
        return old;
    }

    /** A copy of the names: the application may change attributes while it enumerates them. */
    public Enumeration<String> names() {
        if (big != null) {
            return Collections.enumeration(new java.util.ArrayList<>(big.keySet()));
        }
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = (String) entries[2 * i];
        }
        return Collections.enumeration(Arrays.asList(names));
    }

    public void recycle() {
        if (big != null) {
            big = null;
        }
        clearArrays();
    }

    private void clearArrays() {
        Arrays.fill(entries, 0, 2 * size, null);
        size = 0;
        present = 0;
    }

    private int indexOf(String name) {
        if (size == 0 || name == null) {
            return -1;
        }
        int h = name.hashCode();
        if ((present & bit(h)) == 0) {
            return -1;
        }
        Object[] es = entries;
        int[] hs = hashes;
        for (int i = size - 1; i >= 0; i--) {
            if (hs[i] == h) {
                Object n = es[2 * i];
                if (n == name || name.equals(n)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The mask bit of a hash: its bits folded, as names often differ only in their last characters. */
    private static long bit(int h) {
        return 1L << (h ^ (h >>> 6) ^ (h >>> 12) ^ (h >>> 18) ^ (h >>> 24)); // the shift takes the low 6 bits
    }
}
