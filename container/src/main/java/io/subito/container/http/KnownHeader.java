package io.subito.container.http;

/** Header names the engine itself acts on, recognised as bytes while parsing. */
public enum KnownHeader {
    OTHER(""),
    HOST("host"),
    CONTENT_LENGTH("content-length"),
    TRANSFER_ENCODING("transfer-encoding"),
    CONNECTION("connection"),
    EXPECT("expect"),
    CONTENT_TYPE("content-type");

    private static final KnownHeader[] VALUES = values();
    final byte[] lower;

    KnownHeader(String lower) {
        this.lower = Ascii.bytes(lower);
    }

    static KnownHeader match(byte[] b, int off, int len) {
        // length first: most names are rejected without touching their bytes
        for (int i = 1; i < VALUES.length; i++) {
            KnownHeader h = VALUES[i];
            if (h.lower.length == len && Ascii.equalsLower(b, off, len, h.lower)) {
                return h;
            }
        }
        return OTHER;
    }
}
