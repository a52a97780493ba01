package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many connections at once, at sizes a 2-core CI machine takes in its stride (scripts/faults-scale.sh
 * runs the full-size versions against a separate server): idle keep-alive connections are held
 * and stay usable, and slowloris connections are cut off while normal clients are served.
 * Client and server share this JVM's file descriptors, so the counts shrink to fit a low limit.
 */
class ConnectionLoadTest {
    private static final byte[] GET_OK = "GET /ok HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static Subito start(long headTimeoutMillis) throws Exception {
        return Subito.builder().port(0).config(c -> c.headTimeoutMillis(headTimeoutMillis))
                .context("", ctx -> ctx.addServlet("ok", Servlets.text(req -> "ok")).addMapping("/ok"))
                .start();
    }

    /** Up to {@code wanted} connections, as many as the descriptor limit leaves room for (two per connection). */
    private static int fitting(int wanted) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long spare = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 256;
            int n = (int) Math.min(wanted, spare / 2);
            assumeTrue(n >= 100, "too few file descriptors for a meaningful test: " + spare);
            return n;
        }
        return wanted;
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 20_000);
        s.setSoTimeout(20_000);
        return s;
    }

    /** Sends GET /ok and reads the 2-byte body of its response. */
    private static void request(Socket s) throws IOException {
        s.getOutputStream().write(GET_OK);
        InputStream in = s.getInputStream();
        int crlfs = 0;
        int c;
        while (crlfs < 4 && (c = in.read()) >= 0) {
            crlfs = (c == '\r' || c == '\n') ? crlfs + 1 : 0;
        }
        assertEquals("ok", new String(in.readNBytes(2), StandardCharsets.ISO_8859_1));
    }

    @Test
    void manyIdleKeepAliveConnectionsAreHeldAndStayUsable() throws Exception {
        int n = fitting(1000);
        List<Socket> idle = new ArrayList<>(n);
        try (Subito server = start(10_000)) {
            try {
                for (int i = 0; i < n; i++) {
                    Socket s = connect(server.port());
                    idle.add(s);
                    request(s);
                }
                assertEquals(n, server.host().openConnections());
                assertEquals("ok", Http.get(server.port(), "/ok").body(), "a new client is served beside them");
                for (Socket s : idle) {
                    request(s); // every held connection still answers
                }
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }

    @Test
    void slowlorisConnectionsAreCutOffWhileOthersAreServed() throws Exception {
        int n = fitting(200);
        long headTimeout = 2000;
        List<Socket> slow = new ArrayList<>(n);
        try (Subito server = start(headTimeout)) {
            try {
                for (int i = 0; i < n; i++) {
                    Socket s = connect(server.port());
                    s.getOutputStream().write("GET /ok HTTP/1.1\r\nHost: t\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
                    slow.add(s);
                }
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(headTimeout + 3000);
                try (Http normal = new Http(server.port())) {
                    while (System.nanoTime() < end) {
                        trickle(slow); // one more byte of a head that never ends
                        assertEquals("ok", normal.send("GET", "/ok", null).body());
                        assertEquals("ok", Http.get(server.port(), "/ok").body());
                        Thread.sleep(200);
                    }
                }
                for (Socket s : slow) {
                    assertClosedByServer(s);
                }
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    private static void trickle(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                OutputStream out = s.getOutputStream();
                out.write('a');
            } catch (IOException e) {
                // closed by the server already: what the test expects
            }
        }
    }

    private static void assertClosedByServer(Socket s) throws IOException {
        s.setSoTimeout(15_000);
        try {
            int c;
            do {
                c = s.getInputStream().read();
            } while (c >= 0);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("a slowloris connection is still open", e);
        } catch (IOException e) {
            // reset by the server: closed too
        }
    }
}
