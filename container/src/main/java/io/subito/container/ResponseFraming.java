package io.subito.container;

import io.subito.container.ResponseEncoder.Framing;

/**
 * How a response's body is delimited (RFC 9112 §6) and whether the connection stays open after
 * it: the decision the engine takes once per response, when its head is committed. Separated out
 * from the request loop so the rules are in one place and tested without a socket
 * ({@code ResponseFramingTest}). Pure functions of a few numbers and flags: nothing is allocated.
 */
final class ResponseFraming {
    private ResponseFraming() {
    }

    /** 1xx, 204 and 304 never carry a body, whatever the handler wrote (RFC 9110 §6.4.1). */
    static boolean bodyless(int status) {
        return status < 200 || status == 204 || status == 304;
    }

    /**
     * The framing the head announces.
     *
     * @param status         the response status
     * @param declaredLength the handler's {@code Content-Length}, -1 if it set none
     * @param complete       the handler returned without committing: the whole body is buffered
     *                       and its length known
     * @param trailers       the handler asked for trailer fields, which only chunked framing carries
     * @param minorVersion   of the request: 0 for HTTP/1.0, which knows no chunked framing
     */
    static Framing decide(int status, long declaredLength, boolean complete, boolean trailers, int minorVersion) {
        if (bodyless(status)) {
            return Framing.NONE;
        }
        if (declaredLength >= 0) {
            return Framing.LENGTH;
        }
        if (complete && (!trailers || minorVersion == 0)) {
            // an HTTP/1.0 client cannot take trailers: it gets the body with an exact length, without them
            return Framing.LENGTH;
        }
        // streamed, or complete with trailers
        return minorVersion == 1 ? Framing.CHUNKED : Framing.UNTIL_CLOSE;
    }

    /** The {@code Content-Length} of a {@link Framing#LENGTH} head: the declared one, else what was buffered. */
    static long length(long declaredLength, long buffered) {
        return declaredLength >= 0 ? declaredLength : buffered;
    }

    /**
     * Whether the connection closes after this response.
     *
     * @param framing            from {@link #decide}
     * @param sendsBody          body bytes go on the wire (not a HEAD request, not a bodyless status)
     * @param closeRequested     the engine (an earlier refusal, a broken body) or the handler asked for it
     * @param keepAliveRequested the request allows keep-alive (HTTP/1.1 without {@code close},
     *                           HTTP/1.0 with {@code keep-alive})
     * @param stopping           the server is stopping gracefully
     * @param bodyWorthDraining  what is left of the request body can be skipped to reach the next request
     */
    static boolean closes(Framing framing, boolean sendsBody, boolean closeRequested, boolean keepAliveRequested,
                          boolean stopping, boolean bodyWorthDraining) {
        return closeRequested || !keepAliveRequested || stopping
                || (framing == Framing.UNTIL_CLOSE && sendsBody) // the end of the body is the close
                || !bodyWorthDraining;
    }

    /** An HTTP/1.0 client that stays connected must be told so ({@code Connection: keep-alive}). */
    static boolean announcesKeepAlive(boolean close, int minorVersion) {
        return !close && minorVersion == 0;
    }
}
