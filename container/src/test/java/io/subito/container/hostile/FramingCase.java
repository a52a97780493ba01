package io.subito.container.hostile;

import java.nio.charset.StandardCharsets;

/**
 * One row of the framing corpus: bytes a client sends, and the status the first response must
 * have. A refusal (4xx/5xx) must be the only response and be followed by a close; an accepted
 * case must be framed exactly as RFC 9112 says, so the request that follows it is answered as
 * the next request and nothing hidden inside the case's bytes is ever run.
 *
 * @param name what the row proves, shown as the test name
 * @param bytes the request as sent, before the probe appends its own follow-up request
 * @param status the status of the first response
 * @param bodyLevel true when the refusal can only come from reading the body (the handler runs)
 */
public record FramingCase(String name, byte[] bytes, int status, boolean bodyLevel) {

    /** The path used inside case bytes for a request that must never be run. */
    public static final String HIDDEN = "/hidden";

    public boolean refused() {
        return status >= 400;
    }

    static FramingCase refused(String name, int status, String request) {
        return new FramingCase(name, latin1(request), status, false);
    }

    static FramingCase refusedInBody(String name, int status, String request) {
        return new FramingCase(name, latin1(request), status, true);
    }

    static FramingCase accepted(String name, String request) {
        return new FramingCase(name, latin1(request), 200, false);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return name;
    }
}
