package io.subito.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * A TLS client over a real socket that shows what a TLS socket hides: an {@code SSLEngine} in
 * client mode over a plain {@link Socket}, so a test can see whether the server's stream ended
 * with {@code close_notify}, send its own, or just drop the TCP connection without one.
 */
final class TlsSocketClient implements AutoCloseable {
    final Socket socket;
    final SSLEngine engine;
    private final InputStream in;
    private final OutputStream out;
    private ByteBuffer fromServer = ByteBuffer.allocate(1 << 18).flip();
    /** The server's close_notify arrived. */
    boolean closeNotifyReceived;

    TlsSocketClient(SSLContext ctx, int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        engine = ctx.createSSLEngine("localhost", port);
        engine.setUseClientMode(true);
    }

    /** The whole handshake, blocking. */
    TlsSocketClient handshake() throws IOException {
        engine.beginHandshake();
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP -> out.write(wrap(ByteBuffer.allocate(0)));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (unwrapSome(new ByteArrayOutputStream()) < 0) {
                        throw new IOException("the server closed during the handshake");
                    }
                }
                case NEED_TASK -> runTasks();
                default -> {
                    return this;
                }
            }
        }
    }

    private void runTasks() {
        Runnable t;
        while ((t = engine.getDelegatedTask()) != null) {
            t.run();
        }
    }

    void send(String text) throws IOException {
        out.write(wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1))));
        out.flush();
    }

    /** Sends close_notify (the engine's outbound close), keeping the socket open. */
    void sendCloseNotify() throws IOException {
        engine.closeOutbound();
        out.write(wrap(ByteBuffer.allocate(0)));
        out.flush();
    }

    /** Everything the server sends until its stream ends (close_notify or the TCP end), unwrapped. */
    String readToEnd() throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        while (unwrapSome(plain) >= 0 && !closeNotifyReceived) {
            // until the end
        }
        return plain.toString(StandardCharsets.ISO_8859_1);
    }

    /** What the server sends, unwrapped, until it ends with {@code end}. */
    String readUntil(String end) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        while (!plain.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            if (unwrapSome(plain) < 0 || closeNotifyReceived) {
                throw new IOException("the stream ended before " + end + ": " + plain.toString(StandardCharsets.ISO_8859_1));
            }
        }
        return plain.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the TCP stream ends (after whatever records are still on the way); false if bytes keep coming for 30 s. */
    boolean tcpEnds() throws IOException {
        byte[] b = new byte[4096];
        while (true) {
            try {
                if (in.read(b) < 0) {
                    return true;
                }
            } catch (java.net.SocketException e) {
                return true; // reset: ended too
            }
        }
    }

    private byte[] wrap(ByteBuffer src) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        do {
            net.clear();
            SSLEngineResult r = engine.wrap(src, net);
            bytes.write(net.array(), 0, net.position());
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                break;
            }
        } while (src.hasRemaining() || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
        return bytes.toByteArray();
    }

    /** Unwraps one record (reading from the socket as needed); its plaintext goes to {@code plain}. -1 at the end of the TCP stream. */
    private int unwrapSome(ByteArrayOutputStream plain) throws IOException {
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + 64);
        while (true) {
            if (fromServer.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(fromServer, app);
                plain.write(app.array(), 0, app.position());
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    closeNotifyReceived = true;
                    return 0;
                }
                if (r.getStatus() == SSLEngineResult.Status.OK) {
                    return r.bytesProduced();
                }
            }
            byte[] b = new byte[16 * 1024];
            int n = in.read(b);
            if (n < 0) {
                return -1;
            }
            ByteBuffer merged = ByteBuffer.allocate(fromServer.remaining() + n);
            merged.put(fromServer).put(b, 0, n).flip();
            fromServer = merged;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
