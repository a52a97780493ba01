package io.subito.websocket.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.subito.websocket.extension.DeflateParams;
import io.subito.websocket.extension.PerMessageDeflate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the frame decoder and the inflater. Half the inputs are valid client
 * streams built from the fuzzer's choices (messages split into fragments, pings between them,
 * compressed or not), which must come out as exactly their messages. The other half are raw
 * bytes (with permessage-deflate on or off), which must decode or be refused with 1002, 1007 or
 * 1009, nothing else, and never deliver a whole message over its limit. Bytes arrive in
 * fuzzer-chosen pieces.
 */
class FrameDecoderFuzzTest {
    private static final int LIMIT = 4096;
    private static final Set<Integer> CODES = Set.of(1002, 1007, 1009);

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void decodesValidStreamsExactlyAndRefusesTheRestWithTheirCloseCode(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            validStream(data);
        } else {
            arbitraryBytes(data);
        }
    }

    private static void validStream(FuzzedDataProvider data) {
        boolean deflate = data.consumeBoolean();
        ClientFrames frames = new ClientFrames();
        List<String> expected = new ArrayList<>();
        int messages = data.consumeInt(0, 4);
        for (int m = 0; m < messages; m++) {
            boolean text = data.consumeBoolean();
            byte[] payload = text ? data.consumeString(300).getBytes(StandardCharsets.UTF_8) : data.consumeBytes(300);
            String message = text ? "text:" + new String(payload, StandardCharsets.UTF_8)
                    : "binary:" + new String(payload, StandardCharsets.ISO_8859_1);
            byte[] wire = deflate ? PerMessageDeflate.deflate(ByteBuffer.wrap(payload)) : payload;
            int pieces = data.consumeInt(1, 4);
            int at = 0;
            for (int p = 0; p < pieces; p++) {
                boolean last = p == pieces - 1;
                int end = last ? wire.length : Math.min(wire.length, at + data.consumeInt(0, wire.length - at));
                byte[] frag = java.util.Arrays.copyOfRange(wire, at, end);
                int flags = (last ? 0x80 : 0) | (deflate && p == 0 ? 0x40 : 0);
                frames.frame(flags, p == 0 ? (text ? Opcode.TEXT : Opcode.BINARY) : Opcode.CONTINUATION, frag, true);
                if (last) {
                    expected.add(message); // delivered with its last fragment; pings between fragments come first
                }
                if (data.consumeBoolean()) {
                    frames.frame(true, Opcode.PING, new byte[] {1});
                    expected.add("ping:\u0001");
                }
                at = end;
            }
        }
        Recorder sink = new Recorder();
        try {
            feed(data, frames.bytes(), sink, deflate);
        } catch (WsProtocolException e) {
            throw new AssertionError("a valid stream was refused: " + e.closeCode() + " " + e.getMessage(), e);
        }
        assertEquals(expected, sink.events);
    }

    private static void arbitraryBytes(FuzzedDataProvider data) {
        boolean deflate = data.consumeBoolean();
        Recorder sink = new Recorder();
        sink.partialText = data.consumeBoolean();
        sink.partialBinary = data.consumeBoolean();
        try {
            feed(data, data.consumeRemainingAsBytes(), sink, deflate);
        } catch (WsProtocolException e) {
            assertTrue(CODES.contains(e.closeCode()), "close code " + e.closeCode());
        }
        for (String e : sink.events) {
            assertTrue(e.length() <= LIMIT * 4 + 20, "a message over the limit was delivered");
        }
    }

    private static void feed(FuzzedDataProvider data, byte[] bytes, Recorder sink, boolean deflate) throws WsProtocolException {
        PerMessageDeflate pmd = deflate ? new PerMessageDeflate(new DeflateParams(true, data.consumeBoolean())) : null;
        FrameParser parser = new FrameParser(new MessageAssembler(sink, pmd, LIMIT, LIMIT));
        parser.allowRsv1(deflate);
        ByteBuffer window = ByteBuffer.allocate(bytes.length + 16);
        window.flip();
        int at = 0;
        try {
            while (at < bytes.length) {
                int n = Math.max(1, Math.min(bytes.length - at, data.consumeInt(1, 64)));
                window.compact();
                window.put(bytes, at, n);
                window.flip();
                at += n;
                parser.parse(window);
            }
        } finally {
            if (pmd != null) {
                pmd.end();
            }
        }
    }
}
