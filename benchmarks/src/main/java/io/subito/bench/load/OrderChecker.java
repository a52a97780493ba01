package io.subito.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak's order checker. Each connection sends pipelined batches of 1..DEPTH requests to
 * {@code /echo}, every request carrying a unique {@code X-Request-Id} (a quarter of them POSTs
 * with a body), and checks that the responses come back in request order, each echoing its own
 * id and body. Counts responses, non-2xx answers, order/content errors and I/O errors.
 *
 * <p>Usage: {@code OrderChecker PORT CONNECTIONS DEPTH SECONDS}. Prints one summary line and exits
 * 0 when every response was a 2xx in the right place, 1 otherwise.
 */
public final class OrderChecker {
    private final int port;
    private final int depth;
    private final long deadline;
    private final LongAdder responses = new LongAdder();
    private final LongAdder non2xx = new LongAdder();
    private final LongAdder orderErrors = new LongAdder();
    private final LongAdder ioErrors = new LongAdder();

    OrderChecker(int port, int depth, long deadline) {
        this.port = port;
        this.depth = depth;
        this.deadline = deadline;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: OrderChecker PORT CONNECTIONS DEPTH SECONDS");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        int depth = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        OrderChecker checker = new OrderChecker(port, depth, deadline);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> checker.runConnection(id), "checker-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(checker.summary());
        System.exit(checker.clean() ? 0 : 1);
    }

    String summary() {
        return "checker: responses=" + responses.sum() + " non2xx=" + non2xx.sum() + " orderErrors="
                + orderErrors.sum() + " ioErrors=" + ioErrors.sum();
    }

    boolean clean() {
        return responses.sum() > 0 && non2xx.sum() == 0 && orderErrors.sum() == 0 && ioErrors.sum() == 0;
    }

    /** One connection, reconnecting after an I/O error (which is counted), until the deadline. */
    private void runConnection(int connection) {
        long seq = 0;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                ResponseReader in = new ResponseReader(new BufferedInputStream(s.getInputStream(), 16384));
                while (System.nanoTime() < deadline) {
                    seq = batch(connection, seq, out, in);
                }
            } catch (IOException e) {
                ioErrors.increment();
                System.err.println("checker connection " + connection + ": " + e);
            }
        }
    }

    /** Sends one pipelined batch and checks its responses; returns the next sequence number. */
    private long batch(int connection, long seq, OutputStream out, ResponseReader in) throws IOException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int n = 1 + rnd.nextInt(depth);
        String[] expected = new String[n];
        StringBuilder req = new StringBuilder(n * 96);
        for (int i = 0; i < n; i++) {
            String id = connection + "-" + seq++;
            String body = rnd.nextInt(4) == 0 ? "body-of-" + id : "";
            expected[i] = id + ":" + body;
            req.append(body.isEmpty() ? "GET" : "POST").append(" /echo HTTP/1.1\r\nHost: soak\r\nX-Request-Id: ")
                    .append(id).append("\r\n");
            if (!body.isEmpty()) {
                req.append("Content-Type: text/plain\r\nContent-Length: ").append(body.length()).append("\r\n");
            }
            req.append("\r\n").append(body);
        }
        out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        for (int i = 0; i < n; i++) {
            check(in.read("x-request-id"), expected[i]);
        }
        return seq;
    }

    /** Counts one response against the {@code ID:BODY} it should carry. */
    void check(ResponseReader.Response r, String expected) {
        responses.increment();
        if (r.status() < 200 || r.status() > 299) {
            non2xx.increment();
            return;
        }
        String id = expected.substring(0, expected.indexOf(':'));
        if (!expected.equals(r.body()) || !id.equals(r.header())) {
            orderErrors.increment();
            if (orderErrors.sum() <= 10) {
                System.err.println("checker: expected " + expected + ", got id " + r.header() + " body " + r.body());
            }
        }
    }
}
