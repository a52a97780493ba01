package io.subito.container.http2.hpack;

/**
 * How the encoder turns a {@code char} of a header name or value into the octet it sends. HTTP/2
 * fields are octets (RFC 9113 section 8.2.1): each char is sent as its ISO-8859-1 octet, as the
 * HTTP/1.1 engine writes headers. Chars a field may not hold are replaced as that engine does:
 * control characters but HTAB (CR, LF and NUL among them, which RFC 9113 forbids) become a space,
 * chars above U+00FF a {@code '?'}. Names may be given in any case (a servlet sets
 * {@code Content-Type}); they are sent in lower case, as RFC 9113 section 8.2.2 requires, without
 * a lower-cased copy being made.
 */
final class Octets {
    private Octets() {
    }

    static int of(char c, boolean lowerCase) {
        if (c >= 0x20 && c < 0x7F) {
            return lowerCase && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }
        if (c < 0x20 && c != '\t' || c == 0x7F) {
            return ' ';
        }
        return c > 0xFF ? '?' : c;
    }
}
