package io.subito.servlet.multipart;

import java.io.IOException;

/**
 * A multipart/form-data body that breaks RFC 2046 / RFC 7578: no delimiter, no closing
 * delimiter before the body ends, a malformed part header section or boundary. getParts()
 * throws it; when the application lets it escape the request is answered 400.
 */
public final class MalformedMultipartException extends IOException {
    private static final long serialVersionUID = 1L;

    /** HTTP 400 Bad Request. */
    public static final int STATUS = 400;

    MalformedMultipartException(String message) {
        super(message);
    }

    public int status() {
        return STATUS;
    }
}
