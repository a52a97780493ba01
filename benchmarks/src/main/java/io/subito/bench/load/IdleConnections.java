package io.subito.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens N connections to a server and holds them idle, for scripts/idle-memory.sh, from one thread:
 * {@code IdleConnections h1|h2c|h2c-get|tls N PORT HOLD_SECONDS}.
 * <ul>
 * <li>{@code h1}: each connection serves one {@code GET /plaintext} over HTTP/1.1 (keep-alive);</li>
 * <li>{@code h2c}: each connection makes the HTTP/2 start with prior knowledge: the client preface
 *     and an empty SETTINGS, the server's SETTINGS (and WINDOW_UPDATE), both SETTINGS acknowledged;</li>
 * <li>{@code h2c-get}: the same, then one {@code GET /plaintext} on stream 1, read to its END_STREAM.</li>
 * <li>{@code tls}: each connection makes a full TLS handshake and serves one {@code GET /plaintext}
 *     over HTTP/1.1 (keep-alive), trusting only the certificate in {@code PEER_CERT} (PEM, the
 *     server's own self-signed one: see {@link TlsIdle}).</li>
 * </ul>
 * Prints {@code READY N} once all are open, holds them HOLD_SECONDS, then checks each is still
 * served (HTTP/1.1: one more GET; HTTP/2: a PING answered) and prints {@code ALIVE k of N}.
 */
public final class IdleConnections {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    private static final byte[] SETTINGS_ACK = {0, 0, 0, 4, 1, 0, 0, 0, 0};
    private static final byte[] PING = {0, 0, 8, 6, 0, 0, 0, 0, 0, 'i', 'd', 'l', 'e', '-', 'c', 'h', 'k'};
    private static final int SETTINGS = 4;
    private static final int PING_TYPE = 6;
    private static final int DATA = 0;
    private static final int HEADERS = 1;

    private IdleConnections() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: IdleConnections h1|h2c|h2c-get|tls N PORT HOLD_SECONDS");
            System.exit(2);
        }
        String mode = args[0];
        if (!mode.equals("h1") && !mode.equals("h2c") && !mode.equals("h2c-get") && !mode.equals("tls")) {
            System.err.println("unknown mode " + mode + ": use h1, h2c, h2c-get or tls");
            System.exit(2);
        }
        int n = Integer.parseInt(args[1]);
        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2]));
        if (mode.equals("tls")) {
            TlsIdle.hold(n, addr, Long.parseLong(args[3]));
            return;
        }
        List<SocketChannel> held = new ArrayList<>(n);
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < n; i++) {
            SocketChannel c = SocketChannel.open(addr);
            c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true); // small frames in a row: no Nagle wait
            held.add(c);
            if (mode.equals("h1")) {
                ConnectionHolder.exchange(c, buf);
            } else {
                startHttp2(c, buf, mode.equals("h2c-get"));
            }
        }
        System.out.println("READY " + n);
        Thread.sleep(Long.parseLong(args[3]) * 1000);
        int alive = 0;
        for (SocketChannel c : held) {
            try {
                if (mode.equals("h1")) {
                    ConnectionHolder.exchange(c, buf);
                } else {
                    writeAll(c, PING);
                    awaitFrame(c, buf, PING_TYPE, 1, 0);
                }
                alive++;
            } catch (IOException e) {
                // closed meanwhile: not alive
            }
        }
        System.out.println("ALIVE " + alive + " of " + n);
        for (SocketChannel c : held) {
            c.close();
        }
    }

    /** The HTTP/2 start (and with {@code get}, one GET on stream 1, read to its end). */
    static void startHttp2(SocketChannel c, ByteBuffer buf, boolean get) throws IOException {
        writeAll(c, PREFACE);
        writeAll(c, EMPTY_SETTINGS);
        buf.clear().flip();
        awaitFrame(c, buf, SETTINGS, 0, 0); // the server's preface
        writeAll(c, SETTINGS_ACK);
        awaitFrame(c, buf, SETTINGS, 1, 0); // our SETTINGS acknowledged
        if (get) {
            writeAll(c, getOnStreamOne());
            while (true) {
                int[] f = nextFrame(c, buf);
                if (f[2] == 1 && (f[0] == DATA || f[0] == HEADERS) && (f[1] & 1) != 0) {
                    return;
                }
            }
        }
    }

    /** HEADERS on stream 1, END_STREAM and END_HEADERS: GET http://127.0.0.1/plaintext, static table and literals only. */
    private static byte[] getOnStreamOne() {
        byte[] path = "/plaintext".getBytes(StandardCharsets.ISO_8859_1);
        byte[] authority = "127.0.0.1".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer block = ByteBuffer.allocate(64);
        block.put((byte) 0x82).put((byte) 0x86); // :method GET, :scheme http
        block.put((byte) 0x04).put((byte) path.length).put(path); // :path, without indexing
        block.put((byte) 0x01).put((byte) authority.length).put(authority); // :authority, without indexing
        int len = block.position();
        ByteBuffer f = ByteBuffer.allocate(9 + len);
        f.put((byte) 0).put((byte) 0).put((byte) len).put((byte) HEADERS).put((byte) 0x05).putInt(1);
        f.put(block.array(), 0, len);
        return f.array();
    }

    /** Frames until one of {@code type} whose flags include {@code flags}, on {@code stream}. */
    private static void awaitFrame(SocketChannel c, ByteBuffer buf, int type, int flags, int stream) throws IOException {
        while (true) {
            int[] f = nextFrame(c, buf);
            if (f[0] == type && (f[1] & flags) == flags && f[2] == stream) {
                return;
            }
        }
    }

    /** The next frame's {type, flags, stream}, its payload skipped; {@code buf} holds what was read beyond it. */
    private static int[] nextFrame(SocketChannel c, ByteBuffer buf) throws IOException {
        fill(c, buf, 9);
        int len = (buf.get() & 0xFF) << 16 | (buf.get() & 0xFF) << 8 | buf.get() & 0xFF;
        int type = buf.get() & 0xFF;
        int flags = buf.get() & 0xFF;
        int stream = buf.getInt() & 0x7FFF_FFFF;
        if (type == 7) {
            throw new IOException("GOAWAY from the server");
        }
        fill(c, buf, len);
        buf.position(buf.position() + len);
        return new int[] {type, flags, stream};
    }

    /** Reads until {@code buf} (in read mode) has {@code n} bytes. */
    private static void fill(SocketChannel c, ByteBuffer buf, int n) throws IOException {
        while (buf.remaining() < n) {
            buf.compact();
            if (c.read(buf) < 0) {
                throw new IOException("closed by the server");
            }
            buf.flip();
        }
    }

    private static void writeAll(SocketChannel c, byte[] b) throws IOException {
        ByteBuffer w = ByteBuffer.wrap(b);
        while (w.hasRemaining()) {
            c.write(w);
        }
    }
}
