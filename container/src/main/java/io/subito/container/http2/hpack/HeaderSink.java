package io.subito.container.http2.hpack;

/**
 * Receives the fields of a header block in order, from {@link HpackDecoder#decode}.
 *
 * <p>The decoder calls {@link #header(HeaderText, HeaderText, boolean)}; its default turns both
 * into Strings and calls {@link #header(String, String, boolean)}, so a lambda is a sink. A
 * connection that wants no String for a name it knows overrides the first and looks at
 * {@link HeaderText#staticIndex()} and the octets (and calls {@code toString()}, which for the
 * static table is a constant, only for what it keeps).
 *
 * <p>A sink must not throw to refuse a field (an upper-case name, a connection-specific header):
 * the decoder has to read the whole block, whatever it holds, for its dynamic table to stay in
 * step with the peer's (RFC 9113 section 4.3). A sink notes the problem and the caller acts on
 * it when {@code decode} returns. An exception a sink throws anyway leaves the decoder out of
 * step with its peer; the connection must then end with COMPRESSION_ERROR.
 */
public interface HeaderSink {
    /** One field, as Strings. */
    void header(String name, String value, boolean sensitive);

    /**
     * One field; {@code name} and {@code value} are valid only during this call.
     *
     * @param sensitive whether the peer sent it as never-indexed (RFC 7541 section 6.2.3): a
     *        proxy re-encoding it must keep it so
     */
    default void header(HeaderText name, HeaderText value, boolean sensitive) {
        header(name.toString(), value.toString(), sensitive);
    }
}
