package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.proxy.ProxyProtocolDecoder;
import io.subito.container.proxy.TrustedProxies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** proxyProtocol=true over real sockets: the header's addresses, TLS flag, refusals and the head timeout. */
class ProxyProtocolOverSocketTest {
    /** Answers with the origin and the local address, one per line. */
    static final HttpHandler ORIGIN = ex -> {
        RequestOrigin o = ex.origin();
        String body = o.remoteAddress() + "\n" + o.remotePort() + "\n" + o.scheme() + "\n" + ex.localAddress();
        ex.response().output().write(body.getBytes(StandardCharsets.UTF_8));
    };
    static final String GET = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";

    LogCapture log;

    @BeforeEach
    void listen() {
        log = new LogCapture(ProxyProtocolDecoder.class.getName());
    }

    @AfterEach
    void unlisten() {
        log.close();
    }

    static ServerConfig config(ExecutionMode mode, String trusted) {
        return TestServer.config(mode).proxyProtocol(true).trustedProxies(TrustedProxies.parse(trusted));
    }

    static java.util.stream.Stream<ExecutionMode> modes() {
        return TestServer.modes();
    }

    static Socket connect(String local, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(20_000);
        s.setTcpNoDelay(true);
        return s;
    }

    static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            in.transferTo(b);
        } catch (SocketException reset) {
            // a refused connection may end in a reset: what came before it is the answer
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] v2(int verCmd, byte[] addresses, byte[] tlvs) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.write(verCmd);
        b.write(addresses.length == 0 ? 0x00 : 0x11);
        int len = addresses.length + tlvs.length;
        b.write(len >> 8);
        b.write(len);
        b.writeBytes(addresses);
        b.writeBytes(tlvs);
        return b.toByteArray();
    }

    static final byte[] FROM_203_0_113_9 = {(byte) 203, 0, 113, 9, 10, 0, 0, 1, 0x30, 0x39, 0x01, (byte) 0xbb};

    /** Sends the bytes, then "Connection: close" GET; the response body's lines. */
    static String[] ask(Socket s, byte[] first) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(first);
        out.write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String r = readToEnd(s.getInputStream());
        assertTrue(r.startsWith("HTTP/1.1 200"), r);
        return r.substring(r.indexOf("\r\n\r\n") + 4).split("\n");
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aV1HeaderNamesTheClientAndTheAddressItConnectedTo(ExecutionMode mode) throws Exception {
        try (TestServer t = TestServer.start(config(mode, ""), ORIGIN); Socket s = connect("127.0.0.2", t.port())) {
            String[] o = ask(s, "PROXY TCP4 198.51.100.7 10.0.0.1 4711 443\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(List.of("198.51.100.7", "4711", "http", "/10.0.0.1:443"), List.of(o));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aV2HeaderWithTheSslTlvMakesTheRequestHttps(ExecutionMode mode) throws Exception {
        byte[] ssl = {0x20, 0x00, 0x05, 0x01, 0, 0, 0, 0};
        try (TestServer t = TestServer.start(config(mode, "127.0.0.2"), ORIGIN); Socket s = connect("127.0.0.2", t.port())) {
            String[] o = ask(s, v2(0x21, FROM_203_0_113_9, ssl));
            assertEquals(List.of("203.0.113.9", "12345", "https"), List.of(o).subList(0, 3));
        }
    }

    @Test
    void aLocalCommandKeepsTheConnectionsOwnAddresses() throws Exception {
        try (TestServer t = TestServer.start(config(ExecutionMode.POOL, ""), ORIGIN); Socket s = connect("127.0.0.2", t.port())) {
            String[] o = ask(s, v2(0x20, new byte[0], new byte[0]));
            assertEquals(List.of("127.0.0.2", "http"), List.of(o[0], o[2]));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aHeaderInPiecesThenRequestsLaterOnTheSameConnectionKeepTheProxiedClient(ExecutionMode mode) throws Exception {
        try (TestServer t = TestServer.start(config(mode, ""), ORIGIN); Socket s = connect("127.0.0.2", t.port())) {
            OutputStream out = s.getOutputStream();
            byte[] header = v2(0x21, FROM_203_0_113_9, new byte[0]);
            for (byte b : header) {
                out.write(b);
                out.flush();
            }
            Thread.sleep(50); // let the header arrive alone: the connection then waits idle, holding no buffer
            out.write((GET + GET).getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            String both = readResponses(in, 2);
            assertEquals(2, both.split("203\\.0\\.113\\.9\n", -1).length - 1, both);
        }
    }

    /** Reads until {@code n} complete responses (Content-Length framed) have arrived. */
    static String readResponses(InputStream in, int n) throws IOException {
        StringBuilder b = new StringBuilder();
        int done = 0;
        byte[] buf = new byte[4096];
        while (done < n) {
            int r = in.read(buf);
            if (r < 0) {
                break;
            }
            b.append(new String(buf, 0, r, StandardCharsets.ISO_8859_1));
            done = countComplete(b.toString());
        }
        return b.toString();
    }

    static int countComplete(String s) {
        int count = 0;
        int at = 0;
        while (true) {
            int headEnd = s.indexOf("\r\n\r\n", at);
            if (headEnd < 0) {
                return count;
            }
            int cl = s.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ", at);
            int len = Integer.parseInt(s.substring(cl + 16, s.indexOf("\r\n", cl)).trim());
            if (s.length() < headEnd + 4 + len) {
                return count;
            }
            count++;
            at = headEnd + 4 + len;
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aConnectionWithoutAHeaderIsClosedUnansweredWithALogLine(ExecutionMode mode) throws Exception {
        try (TestServer t = TestServer.start(config(mode, ""), ORIGIN); Socket s = connect("127.0.0.2", t.port())) {
            s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("", readToEnd(s.getInputStream()));
            assertEquals(1, log.matching("closed a connection from /127.0.0.2:", ": not a PROXY protocol header").size(),
                    log.dump());
        }
    }

    @Test
    void aValidHeaderFromAPeerOutsideTrustedProxiesIsRefused() throws Exception {
        try (TestServer t = TestServer.start(config(ExecutionMode.POOL, "127.0.0.2"), ORIGIN);
                Socket s = connect("127.0.0.3", t.port())) {
            s.getOutputStream().write(v2(0x21, FROM_203_0_113_9, new byte[0]));
            s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("", readToEnd(s.getInputStream()));
            assertEquals(1, log.matching("closed a connection from /127.0.0.3:", ": the peer is not in trustedProxies").size(),
                    log.dump());
        }
    }

    @Test
    void aClientThatSendsNoHeaderIsClosedAfterTheHeadTimeout() throws Exception {
        ServerConfig c = config(ExecutionMode.POOL, "").headTimeoutMillis(300).keepAliveTimeoutMillis(60_000);
        try (TestServer t = TestServer.start(c, ORIGIN); Socket s = connect("127.0.0.2", t.port())) {
            s.getOutputStream().write("PROXY TCP4 1.2".getBytes(StandardCharsets.US_ASCII)); // and then nothing
            long start = System.nanoTime();
            assertEquals("", readToEnd(s.getInputStream())); // the socket's 20 s read timeout would fail this
            assertTrue(System.nanoTime() - start < 15_000_000_000L);
            assertEquals(1, log.matching("no PROXY protocol header within headTimeoutMillis (300 ms)").size(), log.dump());
        }
    }

    @Test
    void forwardingHeadersAreTrustedByTheHeadersSourceNotTheSocketPeer() throws Exception {
        try (TestServer t = TestServer.start(config(ExecutionMode.POOL, "127.0.0.2, 10.9.9.9"), ORIGIN)) {
            try (Socket s = connect("127.0.0.2", t.port())) {
                // the header's source is an untrusted client: its own X-Forwarded-For is not believed
                s.getOutputStream().write("PROXY TCP4 198.51.100.7 10.0.0.1 4711 80\r\nGET / HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 6.6.6.6\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                String r = readToEnd(s.getInputStream());
                assertTrue(r.contains("\r\n\r\n198.51.100.7\n"), r);
            }
            try (Socket s = connect("127.0.0.2", t.port())) {
                // the header's source is a trusted proxy in front: its X-Forwarded-For is
                s.getOutputStream().write("PROXY TCP4 10.9.9.9 10.0.0.1 4711 80\r\nGET / HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 203.0.113.4\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                String r = readToEnd(s.getInputStream());
                assertTrue(r.contains("\r\n\r\n203.0.113.4\n"), r);
            }
        }
    }
}
