package io.subito.container.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamIdsTest {

    @Test
    void idsOpenedInOrderLeaveNoGaps() {
        StreamIds ids = new StreamIds();
        for (int id = 1; id <= 99; id += 2) {
            ids.open(id);
        }
        assertEquals(99, ids.last());
        for (int id = 1; id <= 99; id += 2) {
            assertFalse(ids.skipped(id));
        }
    }

    @Test
    void aSkippedIdIsAProtocolErrorAndAnEndedOneStreamClosed() {
        StreamIds ids = new StreamIds();
        ids.open(1);
        ids.open(7);
        assertTrue(ids.skipped(3));
        assertTrue(ids.skipped(5));
        assertFalse(ids.skipped(1));
        Http2Exception skipped = assertThrows(Http2Exception.class, () -> ids.headersOnForgotten(5));
        assertEquals(ErrorCode.PROTOCOL_ERROR, skipped.code());
        assertTrue(skipped.isConnectionError());
        Http2Exception ended = assertThrows(Http2Exception.class, () -> ids.headersOnForgotten(1));
        assertEquals(ErrorCode.STREAM_CLOSED, ended.code());
        assertTrue(ended.isConnectionError());
    }

    @Test
    void aFirstStreamAboveOneSkipsTheIdsBelowIt() {
        StreamIds ids = new StreamIds();
        ids.open(5);
        assertTrue(ids.skipped(1));
        assertTrue(ids.skipped(3));
        assertFalse(ids.skipped(5));
    }

    @Test
    void aHeadersOnAStreamTheServerResetIsDropped() throws Exception {
        StreamIds ids = new StreamIds();
        ids.open(1);
        ids.resetSent(1);
        ids.headersOnForgotten(1); // no exception: ignored
        assertTrue(ids.resetByServer(1));
    }

    @Test
    void theMemoriesAreBoundedRings() {
        StreamIds ids = new StreamIds();
        int id = 1;
        for (int i = 0; i <= StreamIds.GAPS; i++) {
            id += 4; // skips one id each time
            ids.open(id);
        }
        assertFalse(ids.skipped(3), "the oldest gap fell out");
        assertTrue(ids.skipped(id - 2), "the newest gap is kept");
        for (int r = 1; r <= 2 * StreamIds.RESETS + 1; r += 2) {
            ids.resetSent(r);
        }
        assertFalse(ids.resetByServer(1), "the oldest reset fell out");
        assertTrue(ids.resetByServer(2 * StreamIds.RESETS + 1));
    }

    @Test
    void framesOtherThanHeadersOnAnIdleStreamAreAConnectionError() {
        StreamIds ids = new StreamIds();
        ids.open(3);
        Http2Exception e = assertThrows(Http2Exception.class, () -> ids.checkNotIdle(5, "DATA"));
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
    }
}
