package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HttpServletRequest.upgrade: 101, then the handler owns the raw connection; destroy() when it ends. */
class UpgradeTest {
    static Subito server;
    static int port;
    static volatile CountDownLatch destroyed = new CountDownLatch(1);

    /** Echoes every piece it reads, upper-cased, with a ReadListener; "bye" closes from the server side. */
    public static final class ShoutHandler implements HttpUpgradeHandler {
        @Override
        public void init(WebConnection wc) {
            try {
                ServletInputStream in = wc.getInputStream();
                ServletOutputStream out = wc.getOutputStream();
                out.write("hello\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                in.setReadListener(new ReadListener() {
                    @Override
                    public void onDataAvailable() throws IOException {
                        byte[] b = new byte[256];
                        while (in.isReady()) {
                            int n = in.read(b);
                            if (n < 0) {
                                return;
                            }
                            String text = new String(b, 0, n, StandardCharsets.UTF_8);
                            out.write(text.toUpperCase().getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            if (text.contains("bye")) {
                                try {
                                    wc.close();
                                } catch (Exception e) {
                                    throw new IOException(e);
                                }
                                return;
                            }
                        }
                    }

                    @Override
                    public void onAllDataRead() throws IOException {
                        out.close();
                    }

                    @Override
                    public void onError(Throwable t) {
                    }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void destroy() {
            destroyed.countDown();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/up", ctx -> {
            ctx.addServlet("upgrade", Servlets.of((req, res) -> {
                if (!"shout".equals(req.getHeader("Upgrade"))) {
                    res.getWriter().print("plain");
                    return;
                }
                res.setHeader("Upgrade", "shout");
                res.setHeader("Connection", "Upgrade");
                req.upgrade(ShoutHandler.class);
            })).addMapping("/u");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void bytesAfterTheUpgradeRequestBelongToTheNewProtocol() throws Exception {
        destroyed = new CountDownLatch(1);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            // the first message travels in the same packet as the request: it must not be parsed as HTTP
            out.write("GET /up/u HTTP/1.1\r\nHost: x\r\nUpgrade: shout\r\nConnection: Upgrade\r\n\r\nabc".getBytes());
            out.flush();
            InputStream in = s.getInputStream();
            String head = readUntil(in, "\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertTrue(head.toLowerCase().contains("upgrade: shout"), head);
            // RFC 9110 section 7.8: the upgrade option travels in Connection beside Upgrade
            assertTrue(head.contains("\r\nConnection: Upgrade\r\n"), head);
            assertEquals("hello\nABC", readUntil(in, "ABC"));
            out.write("more".getBytes());
            out.flush();
            assertEquals("MORE", readUntil(in, "MORE"));
            out.write("bye".getBytes());
            out.flush();
            assertEquals("BYE", readUntil(in, "BYE"));
            assertEquals(-1, in.read(), "the handler closed the connection");
        }
        assertTrue(destroyed.await(20, TimeUnit.SECONDS), "destroy() after the handler closed");
    }

    @Test
    void aClientThatLeavesEndsTheHandler() throws Exception {
        destroyed = new CountDownLatch(1);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /up/u HTTP/1.1\r\nHost: x\r\nUpgrade: shout\r\nConnection: Upgrade\r\n\r\n".getBytes());
            InputStream in = s.getInputStream();
            readUntil(in, "hello\n");
        }
        assertTrue(destroyed.await(20, TimeUnit.SECONDS), "destroy() after the client went away");
    }

    @Test
    void withoutTheUpgradeTheServletAnswersNormally() throws Exception {
        assertEquals("plain", Http.get(port, "/up/u").body());
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + got);
            }
            got.write(b);
        }
        String s = got.toString(StandardCharsets.ISO_8859_1);
        return s;
    }
}
