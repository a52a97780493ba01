package io.subito.container.http2.hpack;

/** The four ways RFC 7541 section 6 sends a header field: first-octet pattern and prefix bits. */
enum Representation {
    /** Section 6.1: the whole field by index. */
    INDEXED(0x80, 7),
    /** Section 6.2.1: literal, added to the dynamic table. */
    INCREMENTAL(0x40, 6),
    /** Section 6.2.2: literal, the table left alone. */
    WITHOUT_INDEXING(0x00, 4),
    /** Section 6.2.3: literal, and no intermediary may index it either. */
    NEVER_INDEXED(0x10, 4);

    final int pattern;
    final int prefixBits;

    Representation(int pattern, int prefixBits) {
        this.pattern = pattern;
        this.prefixBits = prefixBits;
    }
}
