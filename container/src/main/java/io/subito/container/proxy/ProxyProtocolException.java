package io.subito.container.proxy;

/** A connection's first bytes are not a valid PROXY protocol header; the message names the flaw. */
public final class ProxyProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProxyProtocolException(String message) {
        super(message, null, false, false); // bad input, expected: no stack trace
    }
}
