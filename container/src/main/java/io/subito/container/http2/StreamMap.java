package io.subito.container.http2;

/**
 * A connection's streams by id: open addressing on a power-of-two table with linear probing and
 * backward-shift deletion, keyed by the int id itself (no boxing, no entry objects). Stream ids
 * are never 0, so 0 marks a free slot. The table is made with the first stream and kept (a
 * connection that served one request will serve more); it grows when three quarters full. Only
 * the connection's loop uses it; nothing may be removed while {@link #at} is walked.
 */
final class StreamMap {
    private static final int FIRST_CAPACITY = 8;
    private int[] ids;
    private Http2Stream[] streams;
    private int size;

    Http2Stream get(int id) {
        if (size == 0) {
            return null;
        }
        int mask = ids.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            int k = ids[i];
            if (k == id) {
                return streams[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    /** Adds {@code s} under its id (not present yet). */
    void put(Http2Stream s) {
        if (ids == null) {
            ids = new int[FIRST_CAPACITY];
            streams = new Http2Stream[FIRST_CAPACITY];
        } else if (4 * (size + 1) > 3 * ids.length) {
            grow();
        }
        insert(s);
        size++;
    }

    private void insert(Http2Stream s) {
        int mask = ids.length - 1;
        int i = slot(s.id, mask);
        while (ids[i] != 0) {
            i = (i + 1) & mask;
        }
        ids[i] = s.id;
        streams[i] = s;
    }

    void remove(int id) {
        if (size == 0) {
            return;
        }
        int mask = ids.length - 1;
        int i = slot(id, mask);
        while (ids[i] != id) {
            if (ids[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        // backward shift: entries after the hole that would not be found past it move into it
        int hole = i;
        for (int j = (hole + 1) & mask; ids[j] != 0; j = (j + 1) & mask) {
            int home = slot(ids[j], mask);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                ids[hole] = ids[j];
                streams[hole] = streams[j];
                hole = j;
            }
        }
        ids[hole] = 0;
        streams[hole] = null;
    }

    private void grow() {
        int[] oldIds = ids;
        Http2Stream[] old = streams;
        ids = new int[oldIds.length * 2];
        streams = new Http2Stream[oldIds.length * 2];
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) {
                insert(old[i]);
            }
        }
    }

    /** Client ids are odd and mostly consecutive: dropping the low bit spreads them over the slots. */
    private static int slot(int id, int mask) {
        return (id >>> 1) & mask;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** How many slots {@link #at} may be asked for. */
    int slots() {
        return ids == null ? 0 : ids.length;
    }

    /** The stream in slot {@code i}, or null. */
    Http2Stream at(int i) {
        return streams[i];
    }

    @Override
    public String toString() {
        return size + " streams";
    }
}
