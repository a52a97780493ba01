package io.subito.websocket.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.subito.websocket.extension.DeflateParams;
import io.subito.websocket.extension.PerMessageDeflate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 framing, fragmentation, UTF-8, limits and close frames, bytes in memory. */
class MessageAssemblerTest {
    private final Recorder sink = new Recorder();
    private PerMessageDeflate deflate;
    private long maxText = 1024;
    private long maxBinary = 1024;
    /** Whether the parser reads from a direct buffer, as the server's reader does. */
    private boolean direct;

    private List<String> feed(byte[] bytes, int step) throws WsProtocolException {
        MessageAssembler a = new MessageAssembler(sink, deflate, maxText, maxBinary);
        FrameParser p = new FrameParser(a);
        p.allowRsv1(deflate != null);
        ByteBuffer window = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        window.flip();
        for (int i = 0; i < bytes.length; i += step) {
            int n = Math.min(step, bytes.length - i);
            window.compact();
            window.put(bytes, i, n);
            window.flip();
            p.parse(window);
        }
        return sink.events;
    }

    private int refusal(byte[] bytes) {
        return assertThrows(WsProtocolException.class, () -> feed(bytes, bytes.length)).closeCode();
    }

    @Test
    void aMaskedTextFrameIsOneMessageWhateverTheReadBoundaries() throws Exception {
        byte[] b = new ClientFrames().text("Hello, wörld").text("second").bytes();
        for (int step = 1; step <= b.length; step++) {
            sink.events.clear();
            assertEquals(List.of("text:Hello, wörld", "text:second"), feed(b, step), "step " + step);
        }
    }

    @Test
    void lengthsOf126And65536UseTheLongerEncodings() throws Exception {
        String mid = "x".repeat(300);
        String big = "y".repeat(70_000);
        maxText = 100_000;
        assertEquals(List.of("text:" + mid, "text:" + big), feed(new ClientFrames().text(mid).text(big).bytes(), 4096));
    }

    @Test
    void fragmentsJoinWithControlFramesBetweenThem() throws Exception {
        byte[] b = new ClientFrames().frame(false, Opcode.TEXT, "frag".getBytes())
                .frame(true, Opcode.PING, "p".getBytes())
                .frame(false, Opcode.CONTINUATION, "men".getBytes())
                .frame(true, Opcode.PONG, "q".getBytes())
                .frame(true, Opcode.CONTINUATION, "ted".getBytes()).bytes();
        assertEquals(List.of("ping:p", "pong:q", "text:fragmented"), feed(b, 3));
    }

    @Test
    void utf8SplitAcrossFragmentsIsAcceptedAndInvalidUtf8Gets1007() throws Exception {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] ok = new ClientFrames().frame(false, Opcode.TEXT, new byte[] {euro[0]})
                .frame(true, Opcode.CONTINUATION, new byte[] {euro[1], euro[2]}).bytes();
        assertEquals(List.of("text:€"), feed(ok, 1));
        assertEquals(1007, refusal(new ClientFrames().frame(true, Opcode.TEXT, new byte[] {(byte) 0xC0, (byte) 0x80}).bytes()));
        assertEquals(1007, refusal(new ClientFrames().frame(true, Opcode.TEXT, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).bytes()));
        assertEquals(1007, refusal(new ClientFrames().frame(true, Opcode.TEXT, new byte[] {euro[0], euro[1]}).bytes()),
                "a message ending inside a character");
    }

    @Test
    void fromADirectBufferMessagesOfEverySizeAndTheirUtf8RefusalsAreTheSame() throws Exception {
        direct = true;
        aMaskedTextFrameIsOneMessageWhateverTheReadBoundaries();
        sink.events.clear();
        lengthsOf126And65536UseTheLongerEncodings();
        sink.events.clear();
        utf8SplitAcrossFragmentsIsAcceptedAndInvalidUtf8Gets1007();
        invalidUtf8IsRefusedInTheFirstFragmentBeforeTheMessageEnds();
        sink.events.clear();
        String binary = "b".repeat(1000);
        maxBinary = 2000;
        byte[] frame = new ClientFrames().frame(true, Opcode.BINARY, binary.getBytes(StandardCharsets.ISO_8859_1)).bytes();
        assertEquals(List.of("binary:" + binary), feed(frame, 333));
        sink.events.clear();
        assertEquals(List.of("binary:" + binary), feed(frame, frame.length), "a whole frame at once: unmasked while copied out");
        sink.events.clear();
        assertEquals(1007, refusal(new ClientFrames().frame(true, Opcode.TEXT, "abcdefghijklmnopqrstuvwxyz\u00ff".getBytes(StandardCharsets.ISO_8859_1)).bytes()),
                "invalid UTF-8 in a whole text frame unmasked while copied out");
    }

    @Test
    void invalidUtf8IsRefusedInTheFirstFragmentBeforeTheMessageEnds() {
        byte[] b = new ClientFrames().frame(false, Opcode.TEXT, new byte[] {'a', (byte) 0xFF}).bytes();
        assertEquals(1007, refusal(b));
    }

    @Test
    void unmaskedReservedBitsReservedOpcodesAndBadControlFramesGet1002() {
        assertEquals(1002, refusal(new ClientFrames().frame(0x80, Opcode.TEXT, "a".getBytes(), false).bytes()));
        assertEquals(1002, refusal(new ClientFrames().frame(0xA0, Opcode.TEXT, "a".getBytes(), true).bytes()));
        assertEquals(1002, refusal(new ClientFrames().frame(0xC0, Opcode.TEXT, "a".getBytes(), true).bytes()), "RSV1 without deflate");
        assertEquals(1002, refusal(new ClientFrames().frame(0x80, 3, "a".getBytes(), true).bytes()));
        assertEquals(1002, refusal(new ClientFrames().frame(0x80, 0xB, "a".getBytes(), true).bytes()));
        assertEquals(1002, refusal(new ClientFrames().frame(false, Opcode.PING, "a".getBytes()).bytes()), "fragmented ping");
        assertEquals(1002, refusal(new ClientFrames().frame(true, Opcode.PING, new byte[126]).bytes()), "ping over 125 bytes");
        assertEquals(1002, refusal(new ClientFrames().frame(true, Opcode.CONTINUATION, "a".getBytes()).bytes()));
        assertEquals(1002, refusal(new ClientFrames().frame(false, Opcode.TEXT, "a".getBytes()).text("b").bytes()));
    }

    @Test
    void aLengthWithItsTopBitSetGets1002() {
        byte[] b = {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
        assertEquals(1002, refusal(b));
    }

    @Test
    void closeFramesAreCheckedForLengthCodeAndUtf8() throws Exception {
        assertEquals(List.of("close:1000:bye"), feed(new ClientFrames().close(1000, "bye").bytes(), 2));
        sink.events.clear();
        assertEquals(List.of("close:1005:"), feed(new ClientFrames().frame(true, Opcode.CLOSE, new byte[0]).bytes(), 2));
        assertEquals(1002, refusal(new ClientFrames().frame(true, Opcode.CLOSE, new byte[] {3}).bytes()));
        assertEquals(1002, refusal(new ClientFrames().close(1005, "").bytes()));
        assertEquals(1002, refusal(new ClientFrames().close(999, "").bytes()));
        assertEquals(1002, refusal(new ClientFrames().close(5000, "").bytes()));
        assertEquals(1007, refusal(new ClientFrames().frame(true, Opcode.CLOSE, new byte[] {3, (byte) 0xE8, (byte) 0xFF}).bytes()));
    }

    @Test
    void aMessageOverTheLimitGets1009BeforeItsPayloadIsRead() {
        byte[] header = new ClientFrames().frame(true, Opcode.BINARY, new byte[2000]).bytes();
        byte[] justHeader = java.util.Arrays.copyOf(header, 8);
        assertEquals(1009, refusal(justHeader));
        byte[] fragments = new ClientFrames().frame(false, Opcode.TEXT, "a".repeat(600).getBytes())
                .frame(true, Opcode.CONTINUATION, "b".repeat(600).getBytes()).bytes();
        assertEquals(1009, refusal(fragments));
    }

    @Test
    void aPartialHandlerGetsOnePartPerFrameAndNoLimitOnTheWholeMessage() throws Exception {
        sink.partialText = true;
        byte[] b = new ClientFrames().frame(false, Opcode.TEXT, "ab".getBytes())
                .frame(false, Opcode.CONTINUATION, "a".repeat(1500).getBytes())
                .frame(true, Opcode.CONTINUATION, "end".getBytes()).bytes();
        List<String> e = feed(b, 100);
        assertEquals("text-part:ab", e.get(0));
        assertEquals("text:end", e.get(e.size() - 1));
        assertEquals(1500, e.subList(1, e.size() - 1).stream().mapToInt(s -> s.length() - "text-part:".length()).sum());
    }

    @Test
    void aPartialTextPartNeverEndsInsideACharacter() throws Exception {
        sink.partialText = true;
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] b = new ClientFrames().frame(false, Opcode.TEXT, new byte[] {'a', euro[0]})
                .frame(true, Opcode.CONTINUATION, new byte[] {euro[1], euro[2]}).bytes();
        assertEquals(List.of("text-part:a", "text:€"), feed(b, 1));
    }

    @Test
    void aDeflatedMessageIsInflatedAndADeflateBombGets1009() throws Exception {
        deflate = new PerMessageDeflate(new DeflateParams(true, false));
        byte[] hello = PerMessageDeflate.deflate(ByteBuffer.wrap("Hello, deflate".getBytes()));
        assertEquals(List.of("text:Hello, deflate"), feed(new ClientFrames().frame(0xC0, Opcode.TEXT, hello, true).bytes(), 3));
        byte[] bomb = PerMessageDeflate.deflate(ByteBuffer.wrap(new byte[10_000_000]));
        assertEquals(1009, refusal(new ClientFrames().frame(0xC0, Opcode.BINARY, bomb, true).bytes()));
        deflate = new PerMessageDeflate(new DeflateParams(true, false));
        assertEquals(1002, refusal(new ClientFrames().frame(false, Opcode.TEXT, "abc".getBytes()).frame(0xC0, 0, hello, true).bytes()),
                "RSV1 on a continuation");
    }

    @Test
    void aClientKeepingItsContextIsInflatedWithTheConnectionsInflater() throws Exception {
        deflate = new PerMessageDeflate(new DeflateParams(true, false));
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        ClientFrames frames = new ClientFrames();
        for (String s : List.of("repeat me please", "repeat me please")) {
            d.setInput(s.getBytes());
            byte[] out = new byte[100];
            int n = d.deflate(out, 0, out.length, java.util.zip.Deflater.SYNC_FLUSH);
            frames.frame(0xC0, Opcode.TEXT, java.util.Arrays.copyOf(out, n - 4), true);
        }
        assertEquals(List.of("text:repeat me please", "text:repeat me please"), feed(frames.bytes(), 5));
    }
}
