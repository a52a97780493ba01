package io.subito.servlet.multipart;

/**
 * RFC 2046 section 5.1.1: the boundary parameter of a multipart Content-Type, 1 to 70
 * characters from a small set, not ending in a space. Checking it keeps CR and LF out of the
 * delimiter, which {@link PartScanner}'s linear search relies on.
 */
final class Boundary {
    static final int MAX_LENGTH = 70;
    private static final String OTHER_BCHARS = "'()+_,-./:=? ";

    private Boundary() {
    }

    /** The boundary of {@code contentType}; a missing or invalid one is the client's error. */
    static String of(String contentType) throws MalformedMultipartException {
        String b = HeaderParams.get(contentType, "boundary");
        if (b == null || b.isEmpty()) {
            throw new MalformedMultipartException("multipart request without a boundary parameter");
        }
        if (b.length() > MAX_LENGTH || b.endsWith(" ")) {
            throw new MalformedMultipartException("multipart boundary longer than " + MAX_LENGTH
                    + " characters or ending in a space (RFC 2046)");
        }
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || OTHER_BCHARS.indexOf(c) >= 0;
            if (!ok) {
                throw new MalformedMultipartException("multipart boundary with a character RFC 2046 does not allow: "
                        + (c < 0x20 || c > 0x7E ? String.format("0x%02X", (int) c) : "'" + c + "'"));
            }
        }
        return b;
    }
}
