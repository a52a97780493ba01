package io.subito.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * WebSocket echo round trips like {@link WsEchoLoad} (same arguments, same output line), but from one
 * thread with a {@link Selector} over N non-blocking connections. WsEchoLoad's thread per connection
 * makes the server wake a sleeping client thread inside each echo's send; a client that is mostly
 * running, as wrk is for HTTP, takes that cost out of the server's figures.
 * Usage: {@code WsEchoLoadNio PORT PATH CONNECTIONS SECONDS BYTES text|binary}.
 * Any error (refused handshake, closed connection, an echo of the wrong kind or length) is printed
 * and ends the run with exit status 1.
 */
public final class WsEchoLoadNio {
    /** How long all connections may take to connect and finish the upgrade. */
    private static final long HANDSHAKE_TIMEOUT_NANOS = 30_000_000_000L;

    private WsEchoLoadNio() {
    }

    public static void main(String[] args) {
        if (args.length != 6) {
            fail("usage: WsEchoLoadNio PORT PATH CONNECTIONS SECONDS BYTES text|binary");
        }
        try {
            int port = Integer.parseInt(args[0]);
            int connections = Integer.parseInt(args[2]);
            int seconds = Integer.parseInt(args[3]);
            int bytes = Integer.parseInt(args[4]);
            boolean text = !"binary".equals(args[5]);
            Result r = run(port, args[1], connections, seconds, bytes, text);
            System.out.printf("connections=%d bytes=%d %s round_trips=%d seconds=%.1f per_second=%.0f%n",
                    connections, bytes, text ? "text" : "binary", r.roundTrips(), r.seconds(), r.roundTrips() / r.seconds());
        } catch (NumberFormatException e) {
            fail("not a number: " + e.getMessage());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            fail("ws echo load failed: " + e);
        }
    }

    /** Round trips counted in the measured window (after every connection's upgrade) and its length. */
    record Result(long roundTrips, double seconds) {
    }

    static Result run(int port, String path, int connections, int seconds, int bytes, boolean text) throws IOException {
        if (connections < 1 || seconds < 0 || bytes < 0) {
            throw new IllegalArgumentException("CONNECTIONS must be at least 1, SECONDS and BYTES not negative");
        }
        byte[] frame = WsEchoLoad.frame(text, bytes);
        byte[] upgrade = WsEchoLoad.upgradeRequest(path);
        Connection[] all = new Connection[connections];
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                all[i] = new Connection(i, channel, upgrade, frame, text ? 1 : 2, bytes);
                boolean connected = channel.connect(new InetSocketAddress("127.0.0.1", port));
                SelectionKey key = channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, all[i]);
                if (connected) {
                    all[i].connected(key);
                }
            }
            long[] trips = new long[1];
            int[] ready = new int[1];
            long deadline = System.nanoTime() + HANDSHAKE_TIMEOUT_NANOS;
            while (ready[0] < connections) {
                if (System.nanoTime() > deadline) {
                    throw new IOException((connections - ready[0]) + " of " + connections
                            + " connections did not finish the upgrade within 30 s");
                }
                poll(selector, 100, trips, ready);
            }
            long t0 = System.nanoTime();
            long c0 = trips[0];
            long end = t0 + seconds * 1_000_000_000L;
            long now;
            while ((now = System.nanoTime()) < end) {
                poll(selector, Math.max(1, (end - now) / 1_000_000), trips, ready);
            }
            return new Result(trips[0] - c0, (System.nanoTime() - t0) / 1e9);
        } finally {
            for (Connection c : all) {
                if (c != null) {
                    c.channel.close();
                }
            }
        }
    }

    private static void poll(Selector selector, long timeoutMillis, long[] trips, int[] ready) throws IOException {
        if (selector.select(timeoutMillis) == 0) {
            return;
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Connection c = (Connection) key.attachment();
            Connection.Phase before = c.phase;
            trips[0] += c.onReady(key);
            if (before != Connection.Phase.ECHOING && c.phase == Connection.Phase.ECHOING) {
                ready[0]++;
            }
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }

    /** One connection: connect, send the upgrade, read the 101 response, then echo one message at a time. */
    static final class Connection {
        enum Phase { CONNECTING, SENDING_UPGRADE, READING_UPGRADE, ECHOING }

        private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

        private final int id;
        final SocketChannel channel;
        private final ByteBuffer upgrade;
        private final ByteBuffer out;
        /** Big enough for the largest server header (10 bytes) and the payload. */
        private final ByteBuffer in;
        private final int opcode;
        private final int bytes;
        Phase phase = Phase.CONNECTING;
        /** True while a message is being written, false while its echo is awaited. */
        private boolean sending;

        Connection(int id, SocketChannel channel, byte[] upgrade, byte[] frame, int opcode, int bytes) {
            this.id = id;
            this.channel = channel;
            this.upgrade = ByteBuffer.wrap(upgrade);
            this.out = ByteBuffer.wrap(frame);
            this.in = ByteBuffer.allocate(Math.max(4096, 10 + bytes));
            this.opcode = opcode;
            this.bytes = bytes;
        }

        /** Called once the connection is established without waiting for OP_CONNECT. */
        void connected(SelectionKey key) throws IOException {
            moveTo(Phase.SENDING_UPGRADE);
            writeUpgrade(key);
        }

        /** Acts on a ready key; returns the round trips completed (0 or 1). */
        int onReady(SelectionKey key) throws IOException {
            switch (phase) {
                case CONNECTING:
                    if (!channel.finishConnect()) {
                        return 0;
                    }
                    connected(key);
                    return 0;
                case SENDING_UPGRADE:
                    writeUpgrade(key);
                    return 0;
                case READING_UPGRADE:
                    readUpgrade(key);
                    return 0;
                default:
                    return sending ? writeMessage(key) : readEcho(key);
            }
        }

        private void moveTo(Phase next) {
            if (next.ordinal() != phase.ordinal() + 1) {
                throw new IllegalStateException(this + ": cannot move to " + next);
            }
            phase = next;
        }

        private void writeUpgrade(SelectionKey key) throws IOException {
            channel.write(upgrade);
            if (upgrade.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            moveTo(Phase.READING_UPGRADE);
            key.interestOps(SelectionKey.OP_READ);
        }

        private void readUpgrade(SelectionKey key) throws IOException {
            fill();
            int end = indexOf(in, HEAD_END);
            if (end < 0) {
                if (!in.hasRemaining()) {
                    throw new IOException(this + ": upgrade response head over " + in.capacity() + " bytes");
                }
                return;
            }
            String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
            String status = head.split("\r\n", 2)[0];
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException(this + ": upgrade refused: " + status);
            }
            if (in.position() != end + HEAD_END.length) {
                throw new IOException(this + ": data after the 101 response before any message was sent");
            }
            in.clear();
            moveTo(Phase.ECHOING);
            sending = true;
            writeMessage(key);
        }

        private int writeMessage(SelectionKey key) throws IOException {
            channel.write(out);
            if (out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE);
                return 0;
            }
            out.rewind();
            sending = false;
            key.interestOps(SelectionKey.OP_READ);
            return 0;
        }

        /** Reads until the whole echo frame is in; then validates it and sends the next message. */
        private int readEcho(SelectionKey key) throws IOException {
            fill();
            int have = in.position();
            if (have < 2) {
                return 0;
            }
            byte[] b = in.array();
            if ((b[0] & 0xFF) != (0x80 | opcode)) {
                throw new IOException(this + ": expected a final frame of opcode " + opcode
                        + ", got first byte 0x" + Integer.toHexString(b[0] & 0xFF));
            }
            if ((b[1] & 0x80) != 0) {
                throw new IOException(this + ": the server's frame is masked");
            }
            int len = b[1] & 0x7F;
            int header = len == 126 ? 4 : len == 127 ? 10 : 2;
            if (have < header) {
                return 0;
            }
            long n = len == 126 ? ((b[2] & 0xFF) << 8) | (b[3] & 0xFF)
                    : len == 127 ? ByteBuffer.wrap(b, 2, 8).getLong() : len;
            if (n != bytes) {
                throw new IOException(this + ": echo of " + n + " bytes, sent " + bytes);
            }
            if (have < header + n) {
                return 0;
            }
            if (have > header + n) {
                throw new IOException(this + ": " + (have - header - n) + " bytes after the echo, none expected");
            }
            in.clear();
            sending = true;
            writeMessage(key);
            return 1;
        }

        private void fill() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException(this + ": closed by the server");
            }
        }

        private static int indexOf(ByteBuffer buffer, byte[] needle) {
            byte[] a = buffer.array();
            for (int i = 0; i + needle.length <= buffer.position(); i++) {
                int j = 0;
                while (j < needle.length && a[i + j] == needle[j]) {
                    j++;
                }
                if (j == needle.length) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return "connection " + id + " (" + phase + (phase == Phase.ECHOING ? sending ? ", sending" : ", awaiting echo" : "") + ")";
        }
    }
}
