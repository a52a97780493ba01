package io.subito.container.http2.hpack;

/** A field block that cannot be decoded (a COMPRESSION_ERROR), or one whose fields exceed the header list limit. */
public final class HpackException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean headerListTooLarge;

    public HpackException(String message) {
        this(message, false);
    }

    public HpackException(String message, boolean headerListTooLarge) {
        super(message, null, false, false);
        this.headerListTooLarge = headerListTooLarge;
    }

    public boolean isHeaderListTooLarge() {
        return headerListTooLarge;
    }
}
