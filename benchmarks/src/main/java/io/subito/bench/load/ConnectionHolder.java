package io.subito.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds many connections to a server for scripts/faults-scale.sh, from one thread.
 * <ul>
 * <li>{@code idle N PORT HOLD_SECONDS}: opens N keep-alive connections, each serving one
 * {@code GET /plaintext}, prints {@code READY N}, holds them idle for HOLD_SECONDS, then sends one
 * more request on each and prints {@code ALIVE k of N}.</li>
 * <li>{@code slowloris N PORT SECONDS}: keeps N connections each sending a request head that never
 * ends, one byte a second; a connection the server closes is counted (with how long it lived)
 * and replaced. Prints a summary at the end.</li>
 * </ul>
 */
public final class ConnectionHolder {
    private static final byte[] GET = "GET /plaintext HTTP/1.1\r\nHost: holder\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] SLOW_START = "GET /plaintext HTTP/1.1\r\nHost: holder\r\nX-Slow: "
            .getBytes(StandardCharsets.ISO_8859_1);

    private ConnectionHolder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ConnectionHolder idle|slowloris N PORT SECONDS");
            System.exit(2);
        }
        int n = Integer.parseInt(args[1]);
        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2]));
        long seconds = Long.parseLong(args[3]);
        switch (args[0]) {
            case "idle" -> idle(n, addr, seconds);
            case "slowloris" -> slowloris(n, addr, seconds);
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    private static void idle(int n, InetSocketAddress addr, long holdSeconds) throws Exception {
        List<SocketChannel> held = new ArrayList<>(n);
        ByteBuffer buf = ByteBuffer.allocate(4096);
        for (int i = 0; i < n; i++) {
            SocketChannel c = SocketChannel.open(addr);
            held.add(c);
            exchange(c, buf);
        }
        System.out.println("READY " + n);
        Thread.sleep(holdSeconds * 1000);
        int alive = 0;
        for (SocketChannel c : held) {
            try {
                exchange(c, buf);
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

    /** One GET /plaintext and its whole response (a head with Content-Length, then that many bytes). */
    static void exchange(SocketChannel c, ByteBuffer buf) throws IOException {
        c.write(ByteBuffer.wrap(GET));
        buf.clear();
        int headEnd = -1;
        int length = -1;
        while (headEnd < 0 || buf.position() < headEnd + length) {
            if (c.read(buf) < 0) {
                throw new IOException("closed by the server");
            }
            if (headEnd < 0) {
                String seen = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
                int end = seen.indexOf("\r\n\r\n");
                if (end >= 0) {
                    headEnd = end + 4;
                    length = contentLength(seen.substring(0, end));
                }
            }
        }
        if (!new String(buf.array(), 0, 12, StandardCharsets.ISO_8859_1).equals("HTTP/1.1 200")) {
            throw new IOException("not a 200");
        }
    }

    static int contentLength(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        throw new IOException("no Content-Length");
    }

    private static void slowloris(int n, InetSocketAddress addr, long seconds) throws Exception {
        SocketChannel[] conns = new SocketChannel[n];
        long[] openedAt = new long[n];
        List<Long> lifetimes = new ArrayList<>();
        long opened = 0;
        ByteBuffer sink = ByteBuffer.allocate(4096);
        ByteBuffer one = ByteBuffer.allocate(1);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long tick = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (conns[i] == null) {
                    conns[i] = openSlow(addr);
                    openedAt[i] = System.nanoTime();
                    opened++;
                } else if (!dribble(conns[i], sink, one)) {
                    lifetimes.add((System.nanoTime() - openedAt[i]) / 1_000_000);
                    conns[i].close();
                    conns[i] = null;
                }
            }
            long left = 1_000_000_000L - (System.nanoTime() - tick);
            if (left > 0) {
                Thread.sleep(left / 1_000_000);
            }
        }
        for (SocketChannel c : conns) {
            if (c != null) {
                c.close();
            }
        }
        System.out.println(summary(n, opened, lifetimes));
    }

    private static SocketChannel openSlow(InetSocketAddress addr) throws IOException {
        SocketChannel c = SocketChannel.open(addr);
        c.write(ByteBuffer.wrap(SLOW_START));
        c.configureBlocking(false);
        return c;
    }

    /** Sends one more byte of the head; false once the server has closed the connection. */
    private static boolean dribble(SocketChannel c, ByteBuffer sink, ByteBuffer one) {
        try {
            sink.clear();
            if (c.read(sink) < 0) {
                return false;
            }
            one.clear();
            one.put((byte) 'a').flip();
            c.write(one);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String summary(int n, long opened, List<Long> lifetimes) {
        long[] l = lifetimes.stream().mapToLong(Long::longValue).sorted().toArray();
        String life = l.length == 0 ? "none closed"
                : String.format("lifetime until closed: min %.1f s, median %.1f s, max %.1f s",
                        l[0] / 1000.0, l[l.length / 2] / 1000.0, l[l.length - 1] / 1000.0);
        return "slowloris: held " + n + ", opened " + opened + ", closed by the server " + l.length + "; " + life;
    }
}
