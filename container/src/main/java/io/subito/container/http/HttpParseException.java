package io.subito.container.http;

/**
 * A request the engine refuses: carries the status to answer with and a reason for the log.
 * Thrown without a stack trace because hostile input is not a programming error.
 */
public final class HttpParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpParseException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
