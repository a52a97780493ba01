package io.subito.container.h2spec;

import static io.subito.container.h2spec.H2specConnection.GET;
import static io.subito.container.h2spec.H2specConnection.POST;
import static io.subito.container.h2spec.H2specConnection.assertStatus;
import static io.subito.container.h2spec.H2specConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.container.H2Client;
import io.subito.container.http2.ErrorCode;
import io.subito.container.http2.Frame;
import io.subito.container.http2.Http2Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * h2spec's cases for RFC 9113 sections 6.5 (SETTINGS, 6.5.2, 6.5.3), 6.7 (PING), 6.8 (GOAWAY),
 * 6.9 (WINDOW_UPDATE, 6.9.1, 6.9.2) and 6.10 (CONTINUATION).
 */
@DisplayName("RFC 9113 §6.5–6.10")
class Rfc9113Sections6_5To6_10Test extends H2specServer {

    @Test
    @DisplayName("6.5/1 Sends a SETTINGS frame with ACK flag and payload: connection error FRAME_SIZE_ERROR")
    void settingsAckWithPayload() throws Exception {
        try (H2specConnection h = handshake()) {
            h.frame(Frame.SETTINGS, Frame.FLAG_ACK, 0, new byte[1]);
            h.expectConnectionError(ErrorCode.FRAME_SIZE_ERROR);
        }
    }

    @Test
    @DisplayName("6.5/2 Sends a SETTINGS frame with a stream identifier other than 0x0: connection error PROTOCOL_ERROR")
    void settingsOnAStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.frame(Frame.SETTINGS, 0, 1, new byte[] {0, 3, 0, 0, 0, 100});
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.5/3 Sends a SETTINGS frame with a length other than a multiple of 6 octets: connection error FRAME_SIZE_ERROR")
    void settingsOfBadLength() throws Exception {
        try (H2specConnection h = handshake()) {
            h.frame(Frame.SETTINGS, 0, 0, new byte[] {0, 3, 0});
            h.expectConnectionError(ErrorCode.FRAME_SIZE_ERROR);
        }
    }

    @Test
    @DisplayName("6.5.2/1 SETTINGS_ENABLE_PUSH (0x2): Sends the value other than 0 or 1: connection error PROTOCOL_ERROR")
    void enablePushOfTwo() throws Exception {
        try (H2specConnection h = handshake()) {
            h.settings(Http2Settings.ENABLE_PUSH, 2);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.5.2/2 SETTINGS_INITIAL_WINDOW_SIZE (0x4): Sends the value above the maximum flow control window size: FLOW_CONTROL_ERROR")
    void initialWindowAboveMaximum() throws Exception {
        try (H2specConnection h = handshake()) {
            h.settings(Http2Settings.INITIAL_WINDOW_SIZE, 0x8000_0000);
            h.expectConnectionError(ErrorCode.FLOW_CONTROL_ERROR);
        }
    }

    @Test
    @DisplayName("6.5.2/3 SETTINGS_MAX_FRAME_SIZE (0x5): Sends the value below the initial value: connection error PROTOCOL_ERROR")
    void maxFrameSizeBelowInitial() throws Exception {
        try (H2specConnection h = handshake()) {
            h.settings(Http2Settings.MAX_FRAME_SIZE, 16_383);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.5.2/4 SETTINGS_MAX_FRAME_SIZE (0x5): Sends the value above the maximum allowed frame size: connection error PROTOCOL_ERROR")
    void maxFrameSizeAboveMaximum() throws Exception {
        try (H2specConnection h = handshake()) {
            h.settings(Http2Settings.MAX_FRAME_SIZE, 16_777_216);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.5.2/5 Sends a SETTINGS frame with unknown identifier: ignored, acknowledged, a PING is answered")
    void unknownSetting() throws Exception {
        try (H2specConnection h = handshake()) {
            h.settings(0xFF, 1);
            h.expectSettingsAck();
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("6.5.3/1 Sends multiple values of SETTINGS_INITIAL_WINDOW_SIZE: the last one counts (a DATA frame of 1 byte)")
    void settingsAppliedInOrder() throws Exception {
        try (H2specConnection h = handshake()) {
            h.settings(Http2Settings.INITIAL_WINDOW_SIZE, 100, Http2Settings.INITIAL_WINDOW_SIZE, 1);
            h.expectSettingsAck();
            h.headers(1, true, GET);
            H2Client.In d = h.expectData(1);
            assertEquals(1, d.payload().length, "a DATA frame within the window of 1");
        }
    }

    @Test
    @DisplayName("6.5.3/2 Sends a SETTINGS frame without ACK flag: the server acknowledges it")
    void settingsAreAcknowledged() throws Exception {
        try (H2specConnection h = handshake()) {
            h.settings(Http2Settings.ENABLE_PUSH, 0);
            h.expectSettingsAck();
        }
    }

    @Test
    @DisplayName("6.7/1 Sends a PING frame: PING with ACK and the same payload")
    void ping() throws Exception {
        try (H2specConnection h = handshake()) {
            byte[] eight = bytes("h2spec\u0000\u0000");
            h.ping(false, eight);
            h.expectPingAck(eight);
        }
    }

    @Test
    @DisplayName("6.7/2 Sends a PING frame with ACK: no answer to it (the next PING's ACK is the first)")
    void pingAckIsNotAnswered() throws Exception {
        try (H2specConnection h = handshake()) {
            h.ping(true, bytes("invalid\u0000"));
            byte[] eight = bytes("h2spec\u0000\u0000");
            h.ping(false, eight);
            h.expectPingAck(eight);
        }
    }

    @Test
    @DisplayName("6.7/3 Sends a PING frame with a stream identifier field value other than 0x0: connection error PROTOCOL_ERROR")
    void pingOnAStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.frame(Frame.PING, 0, 1, new byte[8]);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.7/4 Sends a PING frame with a length field value other than 8: connection error FRAME_SIZE_ERROR")
    void pingOfWrongLength() throws Exception {
        try (H2specConnection h = handshake()) {
            h.frame(Frame.PING, 0, 0, new byte[6]);
            h.expectConnectionError(ErrorCode.FRAME_SIZE_ERROR);
        }
    }

    @Test
    @DisplayName("6.8/1 Sends a GOAWAY frame with a stream identifier other than 0x0: connection error PROTOCOL_ERROR")
    void goAwayOnAStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.frame(Frame.GOAWAY, 0, 1, new byte[8]);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.8 (generic) Sends a GOAWAY frame: the server finishes and closes the connection")
    void goAwayClosesTheConnection() throws Exception {
        try (H2specConnection h = handshake()) {
            h.goAway(0, ErrorCode.NO_ERROR.code);
            h.expectClose();
        }
    }

    @Test
    @DisplayName("6.9/1 Sends a WINDOW_UPDATE frame with a flow control window increment of 0: connection error PROTOCOL_ERROR")
    void windowUpdateOfZero() throws Exception {
        try (H2specConnection h = handshake()) {
            h.windowUpdate(0, 0);
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.9/2 Sends a WINDOW_UPDATE frame with a flow control window increment of 0 on a stream: stream error PROTOCOL_ERROR")
    void windowUpdateOfZeroOnAStream() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, POST);
            h.windowUpdate(1, 0);
            h.expectStreamError(1, ErrorCode.PROTOCOL_ERROR);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("6.9/3 Sends a WINDOW_UPDATE frame with a length other than 4 octets: connection error FRAME_SIZE_ERROR")
    void windowUpdateOfWrongLength() throws Exception {
        try (H2specConnection h = handshake()) {
            h.frame(Frame.WINDOW_UPDATE, 0, 0, new byte[] {0, 0, 1});
            h.expectConnectionError(ErrorCode.FRAME_SIZE_ERROR);
        }
    }

    @Test
    @DisplayName("6.9 (generic) Sends WINDOW_UPDATE frames on the connection and on a stream: accepted")
    void windowUpdatesAreAccepted() throws Exception {
        try (H2specConnection h = handshake()) {
            h.windowUpdate(0, 1);
            h.headers(1, false, POST);
            h.windowUpdate(1, 1);
            h.data(1, true, "test");
            assertEquals("test", h.response(1).text());
        }
    }

    @Test
    @DisplayName("6.9.1/1 Sends SETTINGS frame to set the initial window size to 1 and sends HEADERS frame: a DATA frame of 1 byte")
    void initialWindowOfOne() throws Exception {
        try (H2specConnection h = handshake()) {
            h.settings(Http2Settings.INITIAL_WINDOW_SIZE, 1);
            h.expectSettingsAck();
            h.headers(1, true, GET);
            assertEquals(1, h.expectData(1).payload().length);
        }
    }

    @Test
    @DisplayName("6.9.1/2 Sends multiple WINDOW_UPDATE frames increasing the flow control window to above 2^31-1: GOAWAY FLOW_CONTROL_ERROR")
    void connectionWindowOverflow() throws Exception {
        try (H2specConnection h = handshake()) {
            h.windowUpdate(0, Integer.MAX_VALUE);
            h.windowUpdate(0, Integer.MAX_VALUE);
            h.expectConnectionError(ErrorCode.FLOW_CONTROL_ERROR);
        }
    }

    @Test
    @DisplayName("6.9.1/3 Sends multiple WINDOW_UPDATE frames increasing the flow control window to above 2^31-1 on a stream: RST_STREAM FLOW_CONTROL_ERROR")
    void streamWindowOverflow() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, POST);
            h.windowUpdate(1, Integer.MAX_VALUE);
            h.windowUpdate(1, Integer.MAX_VALUE);
            h.expectStreamError(1, ErrorCode.FLOW_CONTROL_ERROR);
            h.expectAlive();
        }
    }

    @Test
    @DisplayName("6.9.2/1 Changes SETTINGS_INITIAL_WINDOW_SIZE after sending HEADERS frame: the open stream's window follows (DATA of 1 byte)")
    void initialWindowChangeAppliesToOpenStreams() throws Exception {
        try (H2specConnection h = handshake()) {
            h.settings(Http2Settings.INITIAL_WINDOW_SIZE, 0);
            h.expectSettingsAck();
            h.headers(1, true, GET);
            h.expectHeaders(1);
            h.settings(Http2Settings.INITIAL_WINDOW_SIZE, 1);
            assertEquals(1, h.expectData(1).payload().length);
        }
    }

    @Test
    @DisplayName("6.9.2/2 Sends a SETTINGS frame for window size to be negative: the server tracks it (DATA of 1 byte after +2)")
    void negativeStreamWindow() throws Exception {
        try (H2specConnection h = handshake()) {
            h.settings(Http2Settings.INITIAL_WINDOW_SIZE, 3);
            h.expectSettingsAck();
            h.headers(1, true, GET);
            assertEquals(3, h.expectData(1).payload().length);
            h.settings(Http2Settings.INITIAL_WINDOW_SIZE, 2); // the stream's window: 3 - 3 - 1 = -1
            h.expectSettingsAck();
            h.windowUpdate(1, 2);
            assertEquals(1, h.expectData(1).payload().length);
        }
    }

    @Test
    @DisplayName("6.9.2/3 Sends a SETTINGS_INITIAL_WINDOW_SIZE settings with an exceeded maximum window size value: connection error FLOW_CONTROL_ERROR")
    void initialWindowOverMaximumRaw() throws Exception {
        try (H2specConnection h = handshake()) {
            h.frame(Frame.SETTINGS, 0, 0, new byte[] {0, 4, (byte) 0x80, 0, 0, 0});
            h.expectConnectionError(ErrorCode.FLOW_CONTROL_ERROR);
        }
    }

    @Test
    @DisplayName("6.10/1 Sends multiple CONTINUATION frames preceded by a HEADERS frame: answered")
    void continuations() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, false, h.block(GET));
            h.continuation(1, false, h.block("x-dummy0", "x".repeat(4000)));
            h.continuation(1, true, h.block("x-dummy1", "x".repeat(4000)));
            assertStatus("200", h.expectHeaders(1));
        }
    }

    @Test
    @DisplayName("6.10/2 Sends a CONTINUATION frame followed by any frame other than CONTINUATION: connection error PROTOCOL_ERROR")
    void continuationThenData() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, false, h.block(POST));
            h.continuation(1, false, h.block("x-dummy0", "x"));
            h.data(1, true, "test");
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.10/3 Sends a CONTINUATION frame with 0x0 stream identifier: connection error PROTOCOL_ERROR")
    void continuationOnStreamZero() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, false, h.block(GET));
            h.continuation(0, true, h.block("x-dummy0", "x"));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.10/4 Sends a CONTINUATION frame preceded by a HEADERS frame with END_HEADERS flag: connection error PROTOCOL_ERROR")
    void continuationAfterEndHeaders() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, true, h.block(GET));
            h.continuation(1, true, h.block("x-dummy0", "x"));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.10/5 Sends a CONTINUATION frame preceded by a CONTINUATION frame with END_HEADERS flag: connection error PROTOCOL_ERROR")
    void continuationAfterContinuationWithEndHeaders() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, true, false, h.block(GET));
            h.continuation(1, true, h.block("x-dummy0", "x"));
            h.continuation(1, true, h.block("x-dummy1", "x"));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("6.10/6 Sends a CONTINUATION frame preceded by a DATA frame: connection error PROTOCOL_ERROR")
    void continuationAfterData() throws Exception {
        try (H2specConnection h = handshake()) {
            h.headers(1, false, false, h.block(POST));
            h.data(1, true, "test");
            h.continuation(1, false, h.block("x-dummy0", "x"));
            h.continuation(0, true, h.block("x-dummy1", "x"));
            h.expectConnectionError(ErrorCode.PROTOCOL_ERROR);
        }
    }
}
