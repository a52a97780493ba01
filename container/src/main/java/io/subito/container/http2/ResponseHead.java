package io.subito.container.http2;

/**
 * What a stream needs of a response to frame its HEADERS: the engine's {@code HttpResponse}
 * implements it, so this package does not depend on the engine's package (the engine depends on
 * this one, one way).
 */
public interface ResponseHead {
    int status();

    int headerCount();

    String headerName(int i);

    String headerValue(int i);

    /** The declared length, or -1. */
    long contentLength();
}
