package io.subito.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The single-threaded echo load over real sockets, against a small WebSocket server made for each case. */
class WsEchoLoadNioTest {
    /** What the test server does after the request head. */
    private enum Behaviour { ECHO, ECHO_ONE_BYTE_SHORT, REFUSE, CLOSE_INSTEAD_OF_ECHO }

    /** Serves every accepted connection on its own daemon thread until the test closes the socket. */
    private static ServerSocket server(Behaviour behaviour) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = listener.accept();
                    Thread t = new Thread(() -> serve(s, behaviour));
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return listener;
    }

    private static void serve(Socket s, Behaviour behaviour) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            int matched = 0;
            while (matched < 4) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                matched = c == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : c == '\r' ? 1 : 0;
            }
            if (behaviour == Behaviour.REFUSE) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            while (true) {
                int first = in.readUnsignedByte();
                int len = in.readUnsignedByte() & 0x7F;
                long n = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
                byte[] mask = new byte[4];
                in.readFully(mask);
                byte[] payload = new byte[(int) n];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                if (behaviour == Behaviour.CLOSE_INSTEAD_OF_ECHO) {
                    return; // the whole message was read, so the close is a plain FIN, not a reset
                }
                int echoed = behaviour == Behaviour.ECHO_ONE_BYTE_SHORT ? payload.length - 1 : payload.length;
                byte[] head = echoed < 126 ? new byte[] {(byte) first, (byte) echoed}
                        : new byte[] {(byte) first, 126, (byte) (echoed >>> 8), (byte) echoed};
                out.write(head);
                out.write(payload, 0, echoed);
                out.flush();
            }
        } catch (IOException ended) {
            // the client closed the connection
        }
    }

    @Test
    void countsRoundTripsOfSmallTextMessagesOverSeveralConnections() throws IOException {
        try (ServerSocket server = server(Behaviour.ECHO)) {
            WsEchoLoadNio.Result r = WsEchoLoadNio.run(server.getLocalPort(), "/ws/echo", 4, 1, 32, true);
            assertTrue(r.roundTrips() > 0, "round trips: " + r.roundTrips());
            assertTrue(r.seconds() >= 1.0, "window: " + r.seconds());
        }
    }

    @Test
    void countsRoundTripsOfBinaryMessagesWithAnExtendedLength() throws IOException {
        try (ServerSocket server = server(Behaviour.ECHO)) {
            WsEchoLoadNio.Result r = WsEchoLoadNio.run(server.getLocalPort(), "/ws/echo", 2, 1, 16384, false);
            assertTrue(r.roundTrips() > 0, "round trips: " + r.roundTrips());
        }
    }

    @Test
    void failsNamingBothLengthsWhenAnEchoIsShorterThanTheMessage() throws IOException {
        try (ServerSocket server = server(Behaviour.ECHO_ONE_BYTE_SHORT)) {
            IOException e = assertThrows(IOException.class,
                    () -> WsEchoLoadNio.run(server.getLocalPort(), "/ws/echo", 2, 1, 32, true));
            assertTrue(e.getMessage().contains("echo of 31 bytes, sent 32"), e.getMessage());
        }
    }

    @Test
    void failsNamingTheStatusWhenTheUpgradeIsRefused() throws IOException {
        try (ServerSocket server = server(Behaviour.REFUSE)) {
            IOException e = assertThrows(IOException.class,
                    () -> WsEchoLoadNio.run(server.getLocalPort(), "/nowhere", 1, 1, 32, true));
            assertTrue(e.getMessage().contains("upgrade refused: HTTP/1.1 404 Not Found"), e.getMessage());
        }
    }

    @Test
    void failsWhenTheServerClosesTheConnectionInsteadOfEchoing() throws IOException {
        try (ServerSocket server = server(Behaviour.CLOSE_INSTEAD_OF_ECHO)) {
            IOException e = assertThrows(IOException.class,
                    () -> WsEchoLoadNio.run(server.getLocalPort(), "/ws/echo", 1, 1, 32, true));
            assertTrue(e.getMessage().contains("closed by the server"), e.getMessage());
        }
    }

    @Test
    void rejectsZeroConnections() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WsEchoLoadNio.run(1, "/ws/echo", 0, 1, 32, true));
        assertEquals("CONNECTIONS must be at least 1, SECONDS and BYTES not negative", e.getMessage());
    }
}
