package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.subito.container.http.HttpLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A long pipelined stream of mixed requests (GET, Content-Length and chunked bodies of random
 * sizes, leading empty lines) written in random pieces with random pauses, into a small input
 * buffer: every response must match its request, in order.
 */
class RandomSplitTest {
    private static final String MODES = "io.subito.container.TestServer#modes";

    @ParameterizedTest
    @MethodSource(MODES)
    void randomlySplitPipelineWithSmallBuffer(ExecutionMode mode) throws Exception {
        ServerConfig config = TestServer.config(mode).bufferSize(4096).maxPipelined(3)
                .limits(new HttpLimits(2048, 1024, 100, 64, 1024));
        for (long seed = 1; seed <= 3; seed++) {
            Random rnd = new Random(seed);
            int n = 150;
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            String[] expected = new String[n];
            for (int i = 0; i < n; i++) {
                String id = seed + "-" + i;
                if (rnd.nextInt(10) == 0) {
                    stream.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                String pad = "X-Pad: " + "p".repeat(rnd.nextInt(300)) + "\r\n";
                switch (rnd.nextInt(3)) {
                    case 0 -> {
                        stream.writeBytes(bytes("GET /g/" + id + "?q=" + i + " HTTP/1.1\r\nHost: t\r\nX-Id: " + id + "\r\n" + pad + "\r\n"));
                        expected[i] = "GET /g/" + id;
                    }
                    case 1 -> {
                        String body = randomBody(rnd, rnd.nextInt(4) == 0 ? 20_000 : 500);
                        stream.writeBytes(bytes("POST /l HTTP/1.1\r\nHost: t\r\nX-Id: " + id + "\r\n" + pad
                                + "Content-Length: " + body.length() + "\r\n\r\n" + body));
                        expected[i] = body;
                    }
                    default -> {
                        String body = randomBody(rnd, rnd.nextInt(4) == 0 ? 20_000 : 500);
                        StringBuilder chunked = new StringBuilder();
                        int off = 0;
                        while (off < body.length()) {
                            int len = Math.min(body.length() - off, 1 + rnd.nextInt(3000));
                            chunked.append(Integer.toHexString(len));
                            if (rnd.nextBoolean()) {
                                chunked.append(";e=").append(i);
                            }
                            chunked.append("\r\n").append(body, off, off + len).append("\r\n");
                            off += len;
                        }
                        chunked.append("0\r\n");
                        if (rnd.nextBoolean()) {
                            chunked.append("X-T: ").append(i).append("\r\n");
                        }
                        chunked.append("\r\n");
                        stream.writeBytes(bytes("PUT /c HTTP/1.1\r\nHost: t\r\nX-Id: " + id + "\r\n" + pad
                                + "Transfer-Encoding: chunked\r\n\r\n" + chunked));
                        expected[i] = body;
                    }
                }
            }
            byte[] all = stream.toByteArray();
            try (TestServer s = TestServer.start(config, Handlers.ECHO)) {
                RawClient c = s.connect();
                AtomicReference<Throwable> writerFailed = new AtomicReference<>();
                Thread writer = new Thread(() -> {
                    try {
                        int off = 0;
                        while (off < all.length) {
                            int len = Math.min(all.length - off, 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 5000));
                            c.send(java.util.Arrays.copyOfRange(all, off, off + len));
                            off += len;
                            if (rnd.nextInt(8) == 0) {
                                Thread.sleep(1);
                            }
                        }
                    } catch (Throwable t) {
                        writerFailed.set(t);
                    }
                });
                writer.start();
                for (int i = 0; i < n; i++) {
                    RawClient.Response r = c.read();
                    assertEquals(200, r.status, "seed " + seed + " request " + i + ": " + r);
                    assertEquals(seed + "-" + i, r.header("X-Id"), "seed " + seed + " request " + i);
                    assertEquals(expected[i], r.text(), "seed " + seed + " request " + i);
                }
                writer.join(10_000);
                assertEquals(null, writerFailed.get());
            }
        }
    }

    private static String randomBody(Random rnd, int max) {
        int len = rnd.nextInt(max + 1);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
