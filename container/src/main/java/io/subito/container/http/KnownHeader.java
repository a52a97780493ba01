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

    private static final long FOLD_8 = 0x2020202020202020L;
    private static final int FOLD_4 = 0x20202020;

    final byte[] lower;
    /** The name's first and last eight bytes (four when shorter), which may overlap. */
    private final long head;
    private final long tail;

    KnownHeader(String lower) {
        this.lower = Ascii.bytes(lower);
        int n = this.lower.length;
        if (n >= 8) {
            head = Ascii.longAt(this.lower, 0);
            tail = Ascii.longAt(this.lower, n - 8);
        } else if (n >= 4) {
            head = Ascii.intAt(this.lower, 0);
            tail = Ascii.intAt(this.lower, n - 4);
        } else {
            head = tail = 0;
        }
    }

    /**
     * Whether the {@code lower.length} bytes at {@code off} are this name in any case, two word
     * compares. Setting bit 5 of each byte lower-cases letters; for a field name, which the parser
     * has already checked to be a token, it maps nothing else onto a letter or '-' (only CR would
     * become '-'), so the comparison is exact.
     */
    private boolean matchesToken(byte[] b, int off) {
        int n = lower.length;
        if (n >= 8) {
            return (Ascii.longAt(b, off) | FOLD_8) == head && (Ascii.longAt(b, off + n - 8) | FOLD_8) == tail;
        }
        return (Ascii.intAt(b, off) | FOLD_4) == (int) head && (Ascii.intAt(b, off + n - 4) | FOLD_4) == (int) tail;
    }

    /** The header named by the token {@code b[off, off + len)}, or OTHER. */
    static KnownHeader match(byte[] b, int off, int len) {
        // the length picks the one candidate: most names are rejected without touching their bytes
        KnownHeader h = switch (len) {
            case 4 -> HOST;
            case 6 -> EXPECT;
            case 10 -> CONNECTION;
            case 12 -> CONTENT_TYPE;
            case 14 -> CONTENT_LENGTH;
            case 17 -> TRANSFER_ENCODING;
            default -> OTHER;
        };
        return h != OTHER && h.matchesToken(b, off) ? h : OTHER;
    }
}
