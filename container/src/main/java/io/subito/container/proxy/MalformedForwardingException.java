package io.subito.container.proxy;

/** A forwarding header (or PROXY protocol header) that does not parse; the message names the flaw. */
public final class MalformedForwardingException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedForwardingException(String message) {
        super(message, null, false, false); // an expected outcome of bad input: no stack trace
    }
}
