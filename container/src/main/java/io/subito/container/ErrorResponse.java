package io.subito.container;

import java.nio.charset.StandardCharsets;

/** The engine's own short responses: refusals of bad requests, and {@code 100 Continue}. */
final class ErrorResponse {
    static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] HEADERS =
            "Content-Type: text/plain;charset=UTF-8\r\nConnection: close\r\nContent-Length: "
                    .getBytes(StandardCharsets.ISO_8859_1);

    private ErrorResponse() {
    }

    /** A complete response that names the cause, e.g. {@code 400 Bad Request: bare LF line ending}; returns the body's length. */
    static int write(OutputBuffer out, int status, String reason) {
        byte[] body = (status + " " + HttpStatus.reason(status) + ": " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        out.put(ResponseEncoder.statusLine(status, null));
        out.put(DateCache.line());
        out.put(HEADERS);
        out.putDecimal(body.length);
        out.putCrlf();
        out.putCrlf();
        out.put(body);
        return body.length;
    }
}
