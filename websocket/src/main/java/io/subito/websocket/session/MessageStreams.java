package io.subito.websocket.session;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;

/** getSendStream() and getSendWriter(): a message sent in parts, a part per filled buffer, the last at close(). */
final class MessageStreams {
    private static final int PART = 8192;

    private MessageStreams() {
    }

    static final class Binary extends OutputStream {
        private final WsRemote.Basic remote;
        private byte[] buf = new byte[PART];
        private int len;
        private boolean closed;

        Binary(WsRemote.Basic remote) {
            this.remote = remote;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            while (n > 0) {
                if (len == buf.length) {
                    remote.sendBinary(ByteBuffer.wrap(buf, 0, len), false);
                    buf = new byte[PART];
                    len = 0;
                }
                int k = Math.min(n, buf.length - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                remote.sendBinary(ByteBuffer.wrap(buf, 0, len), true);
            }
        }
    }

    static final class Text extends Writer {
        private final WsRemote.Basic remote;
        private final StringBuilder buf = new StringBuilder();
        private boolean closed;

        Text(WsRemote.Basic remote) {
            this.remote = remote;
        }

        @Override
        public void write(char[] c, int off, int n) throws IOException {
            if (closed) {
                throw new IOException("writer closed");
            }
            buf.append(c, off, n);
            if (buf.length() >= PART) {
                int cut = buf.length();
                if (Character.isHighSurrogate(buf.charAt(cut - 1))) {
                    cut--; // a part ends on a whole character
                }
                remote.sendText(buf.substring(0, cut), false);
                buf.delete(0, cut);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                remote.sendText(buf.toString(), true);
            }
        }
    }
}
