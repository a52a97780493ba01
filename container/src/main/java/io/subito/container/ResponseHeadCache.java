package io.subito.container;

/**
 * The last response head an exchange encoded, with what it was made of. A keep-alive client
 * typically gets the same head again and again (same status, the same header strings, the same
 * length, the same second's Date): then the head is one copy of these bytes instead of an
 * encoding pass. Header names and values are compared by identity, so a value made fresh per
 * response misses and is encoded as usual. One per exchange, so pooled per loop with it: the
 * loop's busy connections share the few exchanges they take in turn (their heads usually match
 * too). Used by one thread at a time (the exchange's batch thread).
 */
final class ResponseHeadCache {
    private byte[] head = new byte[256];
    private int headLength = -1;
    private int status;
    private long length;
    private ResponseEncoder.Framing framing;
    private boolean close;
    private boolean http10KeepAlive;
    private byte[] dateLine;
    private String[] names = new String[12];
    private String[] values = new String[12];
    private int headerCount;

    /** Puts the cached head if {@code r} would encode to the same bytes; false otherwise. */
    boolean tryPut(HttpResponse r, OutputBuffer out, ResponseEncoder.Framing framing, long length, boolean close,
                   boolean http10KeepAlive, byte[] dateLine) {
        if (headLength < 0 || r.reason != null || r.status != status || length != this.length
                || framing != this.framing || close != this.close || http10KeepAlive != this.http10KeepAlive
                || dateLine != this.dateLine || r.headerCount != headerCount) {
            return false;
        }
        String[] n = r.names;
        String[] v = r.values;
        for (int i = 0; i < headerCount; i++) {
            if (n[i] != names[i] || v[i] != values[i]) {
                return false;
            }
        }
        out.put(head, 0, headLength);
        return true;
    }

    /** Keeps the head just encoded: the last {@code encoded} bytes of {@code out}. */
    void remember(HttpResponse r, OutputBuffer out, int encoded, ResponseEncoder.Framing framing, long length,
                  boolean close, boolean http10KeepAlive, byte[] dateLine) {
        if (r.reason != null) {
            headLength = -1;
            return;
        }
        if (head.length < encoded) {
            head = new byte[encoded];
        }
        if (names.length < r.headerCount) {
            names = new String[r.names.length];
            values = new String[r.names.length];
        }
        out.copyLast(encoded, head);
        headLength = encoded;
        status = r.status;
        this.length = length;
        this.framing = framing;
        this.close = close;
        this.http10KeepAlive = http10KeepAlive;
        this.dateLine = dateLine;
        System.arraycopy(r.names, 0, names, 0, r.headerCount);
        System.arraycopy(r.values, 0, values, 0, r.headerCount);
        if (headerCount > r.headerCount) {
            // drop references the shorter head no longer needs
            java.util.Arrays.fill(names, r.headerCount, headerCount, null);
            java.util.Arrays.fill(values, r.headerCount, headerCount, null);
        }
        headerCount = r.headerCount;
    }
}
