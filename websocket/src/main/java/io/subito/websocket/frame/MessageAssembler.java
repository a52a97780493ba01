package io.subito.websocket.frame;

import io.subito.websocket.extension.PerMessageDeflate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns frames into messages (RFC 6455 sections 5.4-5.5): fragments are joined, control frames
 * may come between them, a text message must be UTF-8 across all its fragments (1007), and a
 * message may not grow past its limit (1009; with permessage-deflate, its decompressed size).
 * A message that arrives whole in one piece goes out without being copied into a buffer.
 *
 * <p>Refused with 1002: a continuation without a message, a new message before the last one
 * ended, RSV1 on a continuation, a close frame with a 1-byte payload or an invalid code.
 */
public final class MessageAssembler implements FrameHandler {
    private static final ThreadLocal<byte[]> INFLATE_SCRATCH = ThreadLocal.withInitial(() -> new byte[16384]);
    /** Whole text messages up to this size are copied out of a direct buffer into the thread's scratch array. */
    private static final int TEXT_SCRATCH_BYTES = 16 * 1024 + 16;
    private static final ThreadLocal<byte[]> TEXT_SCRATCH = ThreadLocal.withInitial(() -> new byte[TEXT_SCRATCH_BYTES]);

    private final MessageSink sink;
    private final PerMessageDeflate deflate;
    private volatile long maxText;
    private volatile long maxBinary;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final MessageBuffer buffer = new MessageBuffer();
    private final byte[] control = new byte[125];
    private int controlLength;

    /** The data message in progress: its opcode (0 between messages), whether it is compressed. */
    private int messageOpcode;
    private boolean compressed;
    /** The frame in progress. */
    private int frameOpcode;
    private boolean frameFin;
    private long frameLength;
    private boolean firstPiece;

    public MessageAssembler(MessageSink sink, PerMessageDeflate deflate, long maxText, long maxBinary) {
        this.sink = sink;
        this.deflate = deflate;
        this.maxText = maxText;
        this.maxBinary = maxBinary;
    }

    @Override
    public void frameStart(boolean fin, boolean rsv1, int opcode, long length) throws WsProtocolException {
        frameOpcode = opcode;
        frameFin = fin;
        frameLength = length;
        firstPiece = true;
        if (Opcode.isControl(opcode)) {
            if (rsv1) {
                throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "RSV1 set on a control frame");
            }
            controlLength = 0;
            return;
        }
        if (opcode == Opcode.CONTINUATION) {
            if (messageOpcode == 0) {
                throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "continuation frame without a message to continue");
            }
            if (rsv1) {
                throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "RSV1 set on a continuation frame");
            }
        } else {
            if (messageOpcode != 0) {
                throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "new " + Opcode.name(opcode) + " message before the last one ended");
            }
            messageOpcode = opcode;
            compressed = rsv1;
        }
        if (!compressed && !partial() && buffer.length() + length > limit()) {
            throw tooBig();
        }
    }

    @Override
    public void payload(ByteBuffer data) throws WsProtocolException {
        boolean first = firstPiece;
        firstPiece = false;
        if (Opcode.isControl(frameOpcode)) {
            int n = data.remaining();
            data.get(data.position(), control, controlLength, n);
            controlLength += n;
            return;
        }
        if (compressed) {
            long room = partial() ? Long.MAX_VALUE : limit() - buffer.length();
            deflate.inflate(data, false, INFLATE_SCRATCH.get(), room, this::accept);
            return;
        }
        if (wholeMessage(first, data.remaining())) {
            deliverWhole(data);
            return;
        }
        int from = buffer.length();
        buffer.append(data);
        appended(from);
    }

    /** Bytes from {@code from} on were added to the message: validated where they now lie (the reader's buffer may be direct). */
    private void appended(int from) throws WsProtocolException {
        if (messageOpcode == Opcode.TEXT && !utf8.feed(buffer.array(), from, buffer.length() - from)) {
            throw invalidUtf8();
        }
        flushPartIfFull();
    }

    /** Data that is not compressed is copied anyway: into the message's buffer, or out as a whole message. */
    @Override
    public boolean takesMasked(long n) {
        return !Opcode.isControl(frameOpcode) && !compressed
                && (!wholeMessage(firstPiece, n) || frameOpcode == Opcode.BINARY || n <= TEXT_SCRATCH_BYTES);
    }

    /** Whether a piece of {@code n} bytes is an unfragmented, uncompressed message entirely. */
    private boolean wholeMessage(boolean first, long n) {
        return first && frameFin && buffer.length() == 0 && n == frameLength && messageOpcode == frameOpcode;
    }

    /** Data the parser left masked ({@link #takesMasked}): copied, then unmasked in the copy. */
    @Override
    public void maskedPayload(ByteBuffer masked, byte[] mask, int maskIndex) throws WsProtocolException {
        boolean first = firstPiece;
        firstPiece = false;
        int n = masked.remaining();
        if (wholeMessage(first, n)) {
            messageOpcode = -1; // delivered; frameEnd ends the message without delivering again
            byte[] a = frameOpcode == Opcode.TEXT ? TEXT_SCRATCH.get() : new byte[n];
            masked.get(masked.position(), a, 0, n);
            Masking.unmask(a, 0, n, mask, maskIndex);
            if (frameOpcode == Opcode.TEXT) {
                sink.text(text(a, 0, n), true);
            } else {
                sink.binary(ByteBuffer.wrap(a), true);
            }
            return;
        }
        int from = buffer.length();
        buffer.append(masked);
        Masking.unmask(buffer.array(), from, n, mask, maskIndex);
        appended(from);
    }

    /** The common case: one unfragmented, uncompressed message entirely in this piece. */
    private void deliverWhole(ByteBuffer data) throws WsProtocolException {
        messageOpcode = -1; // delivered; frameEnd ends the message without delivering again
        if (frameOpcode == Opcode.TEXT) {
            sink.text(text(data), true);
        } else {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            sink.binary(ByteBuffer.wrap(copy), true);
        }
    }

    /**
     * A whole text message, validated, as a String: from an array (the String constructor's fast
     * path), no decoder; a direct buffer's bytes go through the reading thread's scratch array.
     */
    private String text(ByteBuffer data) throws WsProtocolException {
        int n = data.remaining();
        byte[] a;
        int off;
        if (data.hasArray()) {
            a = data.array();
            off = data.arrayOffset() + data.position();
        } else {
            a = n <= TEXT_SCRATCH_BYTES ? TEXT_SCRATCH.get() : new byte[n];
            off = 0;
            data.get(data.position(), a, 0, n);
        }
        data.position(data.limit());
        return text(a, off, n);
    }

    private String text(byte[] a, int off, int n) throws WsProtocolException {
        if (!utf8.feed(a, off, n) || !utf8.isComplete()) {
            throw invalidUtf8();
        }
        return new String(a, off, n, StandardCharsets.UTF_8);
    }

    /** Decompressed bytes of the message. */
    private void accept(byte[] b, int off, int len) throws WsProtocolException {
        if (messageOpcode == Opcode.TEXT && !utf8.feed(b, off, len)) {
            throw invalidUtf8();
        }
        buffer.append(b, off, len);
        flushPartIfFull();
    }

    /** A partial handler gets a part whenever the buffer reaches the limit, so memory stays bounded. */
    private void flushPartIfFull() throws WsProtocolException {
        if (buffer.length() >= limit()) {
            if (!partial()) {
                throw tooBig();
            }
            deliverPart(false);
        }
    }

    @Override
    public void frameEnd() throws WsProtocolException {
        if (Opcode.isControl(frameOpcode)) {
            endControl();
            return;
        }
        if (messageOpcode == -1) {
            endMessage();
            return;
        }
        if (compressed && frameFin) {
            long room = partial() ? Long.MAX_VALUE : limit() - buffer.length();
            deflate.inflate(ByteBuffer.allocate(0), true, INFLATE_SCRATCH.get(), room, this::accept);
        }
        if (frameFin) {
            if (messageOpcode == Opcode.TEXT && !utf8.isComplete()) {
                throw invalidUtf8();
            }
            deliverPart(true);
            endMessage();
        } else if (partial()) {
            deliverPart(false);
        }
    }

    private void deliverPart(boolean last) throws WsProtocolException {
        if (!last && buffer.length() == 0) {
            return;
        }
        if (messageOpcode == Opcode.TEXT) {
            int whole = buffer.length() - (last ? 0 : utf8.pendingBytes());
            byte[] b = buffer.take(whole);
            sink.text(new String(b, StandardCharsets.UTF_8), last);
        } else {
            sink.binary(ByteBuffer.wrap(buffer.take(buffer.length())), last);
        }
    }

    private void endMessage() {
        messageOpcode = 0;
        compressed = false;
        utf8.reset();
        buffer.clear();
    }

    private void endControl() throws WsProtocolException {
        ByteBuffer payload = ByteBuffer.wrap(java.util.Arrays.copyOf(control, controlLength));
        switch (frameOpcode) {
            case Opcode.PING -> sink.ping(payload);
            case Opcode.PONG -> sink.pong(payload);
            default -> close(payload);
        }
    }

    private void close(ByteBuffer payload) throws WsProtocolException {
        int n = payload.remaining();
        if (n == 0) {
            sink.closeFrame(CloseCode.NO_STATUS, "");
            return;
        }
        if (n == 1) {
            throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "close frame with a 1-byte payload");
        }
        int code = payload.getShort() & 0xFFFF;
        if (!CloseCode.isValidOnWire(code)) {
            throw new WsProtocolException(CloseCode.PROTOCOL_ERROR, "invalid close code " + code);
        }
        Utf8Validator v = new Utf8Validator();
        if (!v.feed(payload) || !v.isComplete()) {
            throw new WsProtocolException(CloseCode.INVALID_PAYLOAD, "close reason is not UTF-8");
        }
        sink.closeFrame(code, StandardCharsets.UTF_8.decode(payload).toString());
    }

    private boolean partial() {
        return messageOpcode == Opcode.TEXT ? sink.partialText() : sink.partialBinary();
    }

    private long limit() {
        return messageOpcode == Opcode.TEXT ? maxText : maxBinary;
    }

    private WsProtocolException tooBig() {
        return new WsProtocolException(CloseCode.TOO_BIG, (messageOpcode == Opcode.TEXT ? "text" : "binary")
                + " message larger than " + limit() + " bytes");
    }

    private static WsProtocolException invalidUtf8() {
        return new WsProtocolException(CloseCode.INVALID_PAYLOAD, "text message is not valid UTF-8");
    }

    /** New limits (the session's setMax...MessageBufferSize); a message already in progress keeps being checked against them. */
    public void limits(long text, long binary) {
        this.maxText = text;
        this.maxBinary = binary;
    }

    /** Whether no message is in progress (for the close handshake and tests). */
    public boolean betweenMessages() {
        return messageOpcode == 0;
    }

    @Override
    public String toString() {
        return "MessageAssembler " + (messageOpcode == 0 ? "between messages" : Opcode.name(messageOpcode)
                + (compressed ? " compressed" : "") + " " + buffer.length() + " bytes, " + utf8);
    }
}
