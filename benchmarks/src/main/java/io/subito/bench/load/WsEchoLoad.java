package io.subito.bench.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * WebSocket echo round trips: N connections, each sending one masked message and waiting for its
 * echo before the next, for S seconds; prints the round trips per second.
 * Usage: {@code WsEchoLoad PORT PATH CONNECTIONS SECONDS BYTES text|binary}.
 */
public final class WsEchoLoad {
    private WsEchoLoad() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        int connections = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int bytes = Integer.parseInt(args[4]);
        boolean text = !"binary".equals(args[5]);
        byte[] frame = frame(text, bytes);
        LongAdder trips = new LongAdder();
        CountDownLatch ready = new CountDownLatch(connections);
        long[] window = new long[2];
        Thread[] threads = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            threads[i] = new Thread(() -> run(port, path, frame, bytes, trips, ready, window));
            threads[i].setDaemon(true);
            threads[i].start();
        }
        ready.await();
        long t0 = System.nanoTime();
        long c0 = trips.sum();
        Thread.sleep(seconds * 1000L);
        long c1 = trips.sum();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("connections=%d bytes=%d %s round_trips=%d seconds=%.1f per_second=%.0f%n",
                connections, bytes, text ? "text" : "binary", c1 - c0, s, (c1 - c0) / s);
    }

    private static void run(int port, String path, byte[] frame, int bytes, LongAdder trips, CountDownLatch ready, long[] unused) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 65536));
            out.write(upgradeRequest(path));
            out.flush();
            int matched = 0;
            while (matched < 4) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("closed during the handshake");
                }
                matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            }
            ready.countDown();
            byte[] payload = new byte[bytes];
            while (true) {
                out.write(frame);
                in.readUnsignedByte();
                int len = in.readUnsignedByte() & 0x7F;
                long n = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
                in.readFully(payload, 0, (int) n);
                trips.increment();
            }
        } catch (IOException e) {
            System.err.println("connection ended: " + e);
            ready.countDown();
        }
    }

    /** The HTTP request that asks for the WebSocket upgrade of {@code path}. */
    static byte[] upgradeRequest(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One masked client frame of {@code bytes} ASCII letters. */
    static byte[] frame(boolean text, int bytes) {
        int header = 2 + (bytes < 126 ? 0 : bytes < 65536 ? 2 : 8) + 4;
        byte[] f = new byte[header + bytes];
        f[0] = (byte) (0x80 | (text ? 1 : 2));
        int p = 2;
        if (bytes < 126) {
            f[1] = (byte) (0x80 | bytes);
        } else if (bytes < 65536) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (bytes >>> 8);
            f[3] = (byte) bytes;
            p = 4;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) bytes >>> (56 - 8 * i));
            }
            p = 10;
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        System.arraycopy(mask, 0, f, p, 4);
        for (int i = 0; i < bytes; i++) {
            f[header + i] = (byte) (('a' + i % 26) ^ mask[i & 3]);
        }
        return f;
    }
}
