package io.subito.container.http;

import java.io.IOException;

/** The request body broke its framing (bad chunk size, truncated body, oversize trailers). */
public final class MalformedBodyException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public MalformedBodyException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
