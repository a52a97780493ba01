package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients and servlets misbehaving, in the default execution mode (pool): resets mid-body and
 * mid-response, half-closed sockets, a servlet that throws and one that never returns. After
 * each, the server keeps serving and holds no connection for the dead client.
 */
class FaultsTest {
    static Subito server;
    static int port;
    /** What the servlets saw end their work: an exception, or "done". */
    static final BlockingQueue<Object> outcomes = new ArrayBlockingQueue<>(16);
    static final CountDownLatch blocker = new CountDownLatch(1);
    /** Well inside the default ioTimeoutMillis (30 s): a reset must be noticed, not waited out. */
    static final int NOTICED_WITHIN_SECONDS = 20;

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("", ctx -> {
            ctx.addServlet("ok", Servlets.text(req -> "ok")).addMapping("/ok");
            ctx.addServlet("upload", Servlets.of((req, res) -> {
                try {
                    long n = req.getInputStream().transferTo(OutputStream.nullOutputStream());
                    outcomes.add("done " + n);
                } catch (IOException e) {
                    outcomes.add(e);
                    throw e;
                }
            })).addMapping("/upload");
            ctx.addServlet("big", Servlets.of((req, res) -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int i = 0; i < 1600; i++) { // 100 MiB: far more than socket buffers hold
                        res.getOutputStream().write(chunk);
                    }
                    outcomes.add("done");
                } catch (IOException e) {
                    outcomes.add(e);
                    throw e;
                }
            })).addMapping("/big");
            ctx.addServlet("slow", Servlets.of((req, res) -> {
                sleep(300); // the client's FIN arrives before the response is written
                res.getWriter().print("slow " + req.getParameter("n"));
            })).addMapping("/slow");
            ctx.addServlet("throw", Servlets.of((req, res) -> {
                res.getWriter().print("half-written");
                if (req.getParameter("servlet") != null) {
                    throw new ServletException("a checked failure");
                }
                throw new IllegalStateException("a bug in the servlet");
            })).addMapping("/throw");
            ctx.addServlet("throw-late", Servlets.of((req, res) -> {
                res.getWriter().print("x".repeat(20_000)); // past the buffer: committed, chunked
                res.getWriter().flush();
                throw new IllegalStateException("a bug after the response was committed");
            })).addMapping("/throw-late");
            ctx.addServlet("block", Servlets.of((req, res) -> {
                try {
                    blocker.await(); // "forever": until the test ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })).addMapping("/block");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        blocker.countDown();
        server.stop();
    }

    @AfterEach
    void clear() {
        outcomes.clear();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(20_000);
        return s;
    }

    /** Closes with SO_LINGER 0: the kernel sends RST instead of FIN. */
    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private static void awaitNoConnections() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.host().openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.host().openConnections(), "connections the server still holds");
    }

    private static void assertServesNormally() throws IOException {
        assertEquals("ok", Http.get(port, "/ok").body());
    }

    @Test
    void resetInTheMiddleOfARequestBody() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[100_000]);
            out.flush();
            sleep(200);
            reset(s);
        }
        Object seen = outcomes.poll(NOTICED_WITHIN_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(IOException.class, seen, "the servlet's read fails instead of hanging: " + seen);
        awaitNoConnections();
        assertServesNormally();
    }

    @Test
    void resetInTheMiddleOfALargeResponse() throws Exception {
        try (Socket s = connect()) {
            s.setReceiveBufferSize(16 * 1024);
            s.getOutputStream().write("GET /big HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            byte[] some = in.readNBytes(256 * 1024);
            assertEquals(256 * 1024, some.length);
            assertTrue(new String(some, 0, 15, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200"));
            reset(s);
        }
        Object seen = outcomes.poll(NOTICED_WITHIN_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(IOException.class, seen, "the servlet's write fails instead of hanging: " + seen);
        awaitNoConnections();
        assertServesNormally();
    }

    @Test
    void halfClosedClientStillGetsItsResponses() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(("GET /slow?n=1 HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /slow?n=2 HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(all.startsWith("HTTP/1.1 200"), all);
            assertTrue(all.contains("slow 1") && all.indexOf("slow 2") > all.indexOf("slow 1"), all);
        }
        awaitNoConnections();
    }

    @Test
    void idleHalfClosedConnectionIsClosedByTheServer() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(all.endsWith("ok"), all);
            // readAllBytes returned: the server closed its side, and holds nothing for us
        }
        try (Socket s = connect()) {
            s.shutdownOutput(); // never a byte
            assertEquals(-1, s.getInputStream().read());
        }
        awaitNoConnections();
    }

    @Test
    void throwingServletGets500AndTheConnectionStaysUsable() throws Exception {
        try (Http h = new Http(port)) {
            Http.Reply r = h.send("GET", "/throw", null);
            assertEquals(500, r.status());
            assertTrue(!r.body().contains("half-written"), "the partial output is discarded");
            assertEquals("ok", h.send("GET", "/ok", null).body());
            assertEquals(500, h.send("GET", "/throw?servlet", null).status());
            assertEquals("ok", h.send("GET", "/ok", null).body(), "same connection, still served");
        }
    }

    /** A body cut short must not be ended as if it were whole: no last chunk, the connection closes. */
    @Test
    void servletThrowingAfterCommitEndsTheConnectionWithoutEndingTheBody() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(("GET /throw-late HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /ok HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(all.startsWith("HTTP/1.1 200") && all.contains("Transfer-Encoding: chunked"), all.substring(0, 200));
            assertTrue(!all.endsWith("\r\n0\r\n\r\n"), "the chunked body was terminated as if complete");
            assertEquals(1, all.split("HTTP/1.1 ", -1).length - 1, "nothing after the broken response");
        }
        assertServesNormally();
    }

    @Test
    void blockedServletsDoNotHoldUpOtherConnections() throws Exception {
        List<Socket> blocked = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket s = connect();
                s.getOutputStream().write("GET /block HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                blocked.add(s);
            }
            for (int i = 0; i < 50; i++) {
                assertServesNormally();
            }
            try (Http h = new Http(port)) {
                for (int i = 0; i < 20; i++) {
                    assertEquals("ok", h.send("GET", "/ok", null).body());
                }
            }
            Socket first = blocked.get(0);
            first.setSoTimeout(300);
            assertTrue(nothingArrives(first), "the blocked servlet has not answered");
        } finally {
            for (Socket s : blocked) {
                reset(s);
            }
            blocker.countDown();
        }
        // a blocked servlet holds its connection; once it returns, the reset ones are let go
        awaitNoConnections();
    }

    private static boolean nothingArrives(Socket s) throws IOException {
        try {
            s.getInputStream().read();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        } catch (SocketException e) {
            return false;
        }
    }
}
