package io.subito.container.http2.hpack;

/**
 * The dynamic table of RFC 7541 section 2.3.2 and 4: a ring of entries, newest at index 1,
 * whose sizes (name + value + 32) add up to at most {@link #maxSize()}. Adding evicts the oldest
 * entries until the new one fits; an entry larger than the whole table empties it and is not
 * added (section 4.4). The ring grows by doubling as entries arrive, so a table that holds few
 * entries costs little.
 */
final class DynamicTable {
    private static final TableEntry[] NONE = new TableEntry[0];
    /** Made with the first entry: a connection whose peer indexes nothing holds no ring. */
    private TableEntry[] ring = NONE;
    /** Ring position of the oldest entry. */
    private int oldest;
    private int length;
    private int size;
    private int maxSize;

    DynamicTable(int maxSize) {
        this.maxSize = maxSize;
    }

    /** How many entries it holds. */
    int length() {
        return length;
    }

    /** The sum of its entries' sizes. */
    int size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** Entry {@code i}, 1 the newest, up to {@link #length()}. */
    TableEntry get(int i) {
        return ring[(oldest + length - i) & (ring.length - 1)];
    }

    void add(TableEntry e) {
        if (e.size > maxSize) {
            clear();
            return;
        }
        while (size + e.size > maxSize) {
            evictOldest();
        }
        if (length == ring.length) {
            grow();
        }
        ring[(oldest + length) & (ring.length - 1)] = e;
        length++;
        size += e.size;
    }

    /** A new maximum size (a dynamic table size update): entries past it are evicted. */
    void setMaxSize(int max) {
        maxSize = max;
        while (size > max) {
            evictOldest();
        }
    }

    void clear() {
        while (length > 0) {
            evictOldest();
        }
    }

    private void evictOldest() {
        TableEntry e = ring[oldest];
        ring[oldest] = null;
        oldest = (oldest + 1) & (ring.length - 1);
        length--;
        size -= e.size;
    }

    private void grow() {
        TableEntry[] bigger = new TableEntry[ring.length == 0 ? 8 : ring.length * 2];
        for (int i = 0; i < length; i++) {
            bigger[i] = ring[(oldest + i) & (ring.length - 1)];
        }
        ring = bigger;
        oldest = 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= length; i++) {
            sb.append('[').append(i).append("] ").append(get(i)).append('\n');
        }
        return sb.append("Table size: ").append(size).toString();
    }
}
