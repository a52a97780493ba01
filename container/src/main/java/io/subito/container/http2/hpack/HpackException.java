package io.subito.container.http2.hpack;

/**
 * A header block that cannot be decoded. Two kinds, which the connection answers differently:
 * <ul>
 *   <li>a compression error (RFC 9113 section 4.3): the block breaks RFC 7541, the decoder's
 *       dynamic table can no longer be trusted to match the peer's, and the connection ends
 *       with a GOAWAY carrying COMPRESSION_ERROR;</li>
 *   <li>a header list too large ({@link #isHeaderListTooLarge()}): the block was decoded to its
 *       end, so the dynamic table is still in step with the peer, but its fields add up to more
 *       than the advertised SETTINGS_MAX_HEADER_LIST_SIZE; only the stream is refused (431 or
 *       RST_STREAM), the connection goes on.</li>
 * </ul>
 * No stack trace is taken: these are answers to input, thrown as often as a peer likes.
 */
public final class HpackException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean headerListTooLarge;

    private HpackException(String message, boolean headerListTooLarge) {
        super(message, null, false, false);
        this.headerListTooLarge = headerListTooLarge;
    }

    static HpackException compression(String message) {
        return new HpackException("HPACK: " + message, false);
    }

    static HpackException headerListTooLarge(long size, int limit) {
        return new HpackException("HPACK: the header list is " + size + " octets (name + value + 32 per field),"
                + " more than the " + limit + " allowed", true);
    }

    /** Whether only the header list's size was refused (the stream fails, not the connection). */
    public boolean isHeaderListTooLarge() {
        return headerListTooLarge;
    }
}
