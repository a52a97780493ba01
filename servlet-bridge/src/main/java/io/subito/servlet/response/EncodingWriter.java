package io.subito.servlet.response;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes characters straight into the response stream, holding back nothing but a split
 * surrogate pair, so the response buffer (and isCommitted) sees every character at once.
 * ASCII runs are copied without the encoder when the charset is ASCII-compatible.
 */
public final class EncodingWriter extends Writer {
    private final ServletOutput out;
    private final byte[] bytes = new byte[2048];
    private final ByteBuffer byteBuf = ByteBuffer.wrap(bytes);
    private final char[] chars = new char[1024];
    private final CharBuffer charBuf = CharBuffer.wrap(chars);
    private Charset charset = StandardCharsets.ISO_8859_1;
    private CharsetEncoder encoder;
    private boolean asciiCompatible = true;
    private boolean closed;

    EncodingWriter(ServletOutput out) {
        this.out = out;
        charBuf.limit(0);
    }

    void charset(Charset cs) {
        if (!cs.equals(charset)) {
            charset = cs;
            encoder = null;
        }
        asciiCompatible = cs == StandardCharsets.UTF_8 || cs == StandardCharsets.ISO_8859_1
                || cs == StandardCharsets.US_ASCII || cs.name().startsWith("windows-125");
    }

    void reset() {
        closed = false;
        charBuf.clear().limit(0);
        if (encoder != null) {
            encoder.reset();
        }
    }

    ServletOutput output() {
        return out;
    }

    void markClosed() {
        closed = true;
    }

    @Override
    public void write(char[] c, int off, int len) throws IOException {
        if (closed) {
            return;
        }
        while (len > 0) {
            int n = Math.min(len, chars.length - charBuf.limit());
            System.arraycopy(c, off, chars, charBuf.limit(), n);
            charBuf.limit(charBuf.limit() + n);
            drain();
            off += n;
            len -= n;
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        if (closed) {
            return;
        }
        while (len > 0) {
            int n = Math.min(len, chars.length - charBuf.limit());
            s.getChars(off, off + n, chars, charBuf.limit());
            charBuf.limit(charBuf.limit() + n);
            drain();
            off += n;
            len -= n;
        }
    }

    @Override
    public void write(int c) throws IOException {
        if (closed) {
            return;
        }
        if (c < 0x80 && asciiCompatible && charBuf.limit() == 0) {
            out.write(c);
            return;
        }
        chars[charBuf.limit()] = (char) c;
        charBuf.limit(charBuf.limit() + 1);
        drain();
    }

    /** Encodes what is in the char buffer, keeping an unpaired high surrogate for the next call. */
    private void drain() throws IOException {
        int start = charBuf.position();
        int end = charBuf.limit();
        if (asciiCompatible && start == 0) {
            int i = 0;
            while (i < end && chars[i] < 0x80) {
                i++;
            }
            if (i == end) {
                int p = 0;
                while (p < end) {
                    int n = Math.min(end - p, bytes.length);
                    for (int k = 0; k < n; k++) {
                        bytes[k] = (byte) chars[p + k];
                    }
                    out.write(bytes, 0, n);
                    p += n;
                }
                charBuf.clear().limit(0);
                return;
            }
        }
        CharsetEncoder enc = encoder;
        if (enc == null) {
            enc = charset.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            encoder = enc;
        }
        while (true) {
            byteBuf.clear();
            CoderResult r = enc.encode(charBuf, byteBuf, false);
            if (byteBuf.position() > 0) {
                out.write(bytes, 0, byteBuf.position());
            }
            if (r.isUnderflow()) {
                break;
            }
        }
        charBuf.compact().flip();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
