package io.subito.container;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * A TLS client in memory for {@link LocalConnector}: an {@code SSLEngine} in client mode whose
 * records are sent to an endpoint and which unwraps what the server sends back. Also counts the
 * records the server sent, by type (22 handshake, 21 alert, 23 application data).
 */
final class TlsClientPump {
    final SSLEngine engine;
    private final Channel endpoint;
    private ByteBuffer fromServer = ByteBuffer.allocate(1 << 20).flip();
    /** Record types of what the server sent since the last {@link #records} call. */
    private final List<Integer> recordTypes = new ArrayList<>();
    boolean serverClosed;

    /** Where the client's records go and the server's come from: an endpoint, or a test's wrapper around one. */
    abstract static class Channel {
        abstract void send(byte[] bytes);

        abstract byte[] takeOutput();
    }

    TlsClientPump(SSLContext ctx, LocalConnector.Endpoint endpoint) {
        this(ctx, new Channel() {
            @Override
            void send(byte[] bytes) {
                endpoint.send(bytes);
            }

            @Override
            byte[] takeOutput() {
                return endpoint.takeOutput();
            }

            @Override
            public String toString() {
                return endpoint.toString();
            }
        });
    }

    TlsClientPump(SSLContext ctx, Channel endpoint) {
        this.engine = ctx.createSSLEngine("localhost", 443);
        this.engine.setUseClientMode(true);
        javax.net.ssl.SSLParameters p = engine.getSSLParameters();
        p.setApplicationProtocols(new String[] {"http/1.1"});
        engine.setSSLParameters(p);
        this.endpoint = endpoint;
    }

    /** Runs the handshake to its end, and reads what the server sends after it (TLS 1.3 session tickets). */
    TlsClientPump handshake() throws Exception {
        engine.beginHandshake();
        for (int i = 0; i < 100; i++) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP -> endpoint.send(wrap(ByteBuffer.allocate(0)));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (unwrapAvailable(new ByteArrayOutputStream()) == 0 && !take()) {
                        throw new AssertionError("server sent nothing during the handshake: " + endpoint);
                    }
                }
                case NEED_TASK -> {
                    Runnable t;
                    while ((t = engine.getDelegatedTask()) != null) {
                        t.run();
                    }
                }
                default -> {
                    take();
                    unwrapAvailable(new ByteArrayOutputStream());
                    records();
                    return this;
                }
            }
        }
        throw new AssertionError("handshake did not end");
    }

    /** Sends {@code text} as TLS records (one wrap per 16 KiB). */
    void send(String text) throws Exception {
        endpoint.send(wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1))));
    }

    /** What the server sent, unwrapped. */
    String receive() throws Exception {
        take();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        unwrapAvailable(plain);
        return plain.toString(StandardCharsets.ISO_8859_1);
    }

    /** The types of the records received since the last call. */
    List<Integer> records() {
        List<Integer> r = List.copyOf(recordTypes);
        recordTypes.clear();
        return r;
    }

    byte[] wrap(ByteBuffer src) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        do {
            net.clear();
            SSLEngineResult r = engine.wrap(src, net);
            if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
                throw new AssertionError("client wrap: " + r);
            }
            out.write(net.array(), 0, net.position());
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                break; // waiting for the server (a handshake in progress): nothing more to send now
            }
        } while (src.hasRemaining() || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && net.position() > 0);
        return out.toByteArray();
    }

    /** Takes the server's output; false if there was none. */
    private boolean take() {
        byte[] b = endpoint.takeOutput();
        if (b.length == 0) {
            return false;
        }
        countRecords(b);
        ByteBuffer merged = ByteBuffer.allocate(fromServer.remaining() + b.length);
        merged.put(fromServer).put(b).flip();
        fromServer = merged;
        return true;
    }

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    private void countRecords(byte[] b) {
        partial.writeBytes(b);
        byte[] all = partial.toByteArray();
        int i = 0;
        while (i + 5 <= all.length) {
            int len = ((all[i + 3] & 0xff) << 8) | (all[i + 4] & 0xff);
            if (i + 5 + len > all.length) {
                break;
            }
            recordTypes.add(all[i] & 0xff);
            i += 5 + len;
        }
        partial.reset();
        partial.write(all, i, all.length - i);
    }

    private int unwrapAvailable(ByteArrayOutputStream plain) throws Exception {
        int produced = 0;
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + 64);
        while (fromServer.hasRemaining()) {
            app.clear();
            SSLEngineResult r = engine.unwrap(fromServer, app);
            plain.write(app.array(), 0, app.position());
            produced += r.bytesConsumed();
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                serverClosed = true;
                break;
            }
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                Runnable t;
                while ((t = engine.getDelegatedTask()) != null) {
                    t.run();
                }
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                break;
            }
        }
        return produced;
    }
}
