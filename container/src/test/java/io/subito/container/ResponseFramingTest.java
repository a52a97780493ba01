package io.subito.container;

import static io.subito.container.ResponseEncoder.Framing.CHUNKED;
import static io.subito.container.ResponseEncoder.Framing.LENGTH;
import static io.subito.container.ResponseEncoder.Framing.NONE;
import static io.subito.container.ResponseEncoder.Framing.UNTIL_CLOSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The response framing decision (RFC 9112 §6), without a socket. */
class ResponseFramingTest {
    private static final int HTTP10 = 0;
    private static final int HTTP11 = 1;

    @ParameterizedTest
    @ValueSource(ints = {100, 101, 199, 204, 304})
    void bodylessStatusesAnnounceNoFramingEvenWithADeclaredLength(int status) {
        assertTrue(ResponseFraming.bodyless(status));
        assertEquals(NONE, ResponseFraming.decide(status, 42, true, false, HTTP11));
        assertEquals(NONE, ResponseFraming.decide(status, -1, false, true, HTTP10));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 203, 206, 301, 303, 400, 404, 500})
    void otherStatusesCarryABody(int status) {
        assertFalse(ResponseFraming.bodyless(status));
    }

    @Test
    void aDeclaredLengthIsAnnouncedWhetherTheBodyIsStreamedOrNot() {
        assertEquals(LENGTH, ResponseFraming.decide(200, 5, false, false, HTTP11));
        assertEquals(LENGTH, ResponseFraming.decide(200, 5, true, true, HTTP11));
        assertEquals(LENGTH, ResponseFraming.decide(200, 0, false, false, HTTP10));
        assertEquals(5, ResponseFraming.length(5, 3), "the declared length, not what was buffered");
    }

    @Test
    void aCompleteBodyWithoutTrailersGetsItsExactLength() {
        assertEquals(LENGTH, ResponseFraming.decide(200, -1, true, false, HTTP11));
        assertEquals(LENGTH, ResponseFraming.decide(200, -1, true, false, HTTP10));
        assertEquals(13, ResponseFraming.length(-1, 13));
    }

    @Test
    void trailersNeedChunkedFramingOnHttp11EvenWhenTheLengthIsKnown() {
        assertEquals(CHUNKED, ResponseFraming.decide(200, -1, true, true, HTTP11));
    }

    @Test
    void anHttp10ClientGetsAnExactLengthAndNoTrailers() {
        assertEquals(LENGTH, ResponseFraming.decide(200, -1, true, true, HTTP10));
    }

    @Test
    void aStreamedBodyIsChunkedOnHttp11AndDelimitedByTheCloseOnHttp10() {
        assertEquals(CHUNKED, ResponseFraming.decide(200, -1, false, false, HTTP11));
        assertEquals(UNTIL_CLOSE, ResponseFraming.decide(200, -1, false, false, HTTP10));
    }

    @Test
    void aKeepAliveRequestWithNothingAgainstItStaysOpen() {
        assertFalse(ResponseFraming.closes(LENGTH, true, false, true, false, true));
        assertFalse(ResponseFraming.closes(CHUNKED, true, false, true, false, true));
        assertFalse(ResponseFraming.closes(NONE, false, false, true, false, true));
    }

    @Test
    void eachReasonToCloseClosesOnItsOwn() {
        assertTrue(ResponseFraming.closes(LENGTH, true, true, true, false, true), "asked for");
        assertTrue(ResponseFraming.closes(LENGTH, true, false, false, false, true), "no keep-alive requested");
        assertTrue(ResponseFraming.closes(LENGTH, true, false, true, true, true), "server stopping");
        assertTrue(ResponseFraming.closes(LENGTH, true, false, true, false, false), "request body too large to skip");
        assertTrue(ResponseFraming.closes(UNTIL_CLOSE, true, false, true, false, true), "the close ends the body");
    }

    @Test
    void aCloseDelimitedHeadWithoutBodyBytesNeedNotClose() {
        // a HEAD request answered with a streamed HTTP/1.0 response: nothing follows the head
        assertFalse(ResponseFraming.closes(UNTIL_CLOSE, false, false, true, false, true));
    }

    @Test
    void onlyAnHttp10ClientThatStaysIsToldKeepAlive() {
        assertTrue(ResponseFraming.announcesKeepAlive(false, HTTP10));
        assertFalse(ResponseFraming.announcesKeepAlive(true, HTTP10));
        assertFalse(ResponseFraming.announcesKeepAlive(false, HTTP11));
    }
}
