package io.subito.websocket.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A WebSocket client over a plain socket, for frames no real client would send. */
public final class RawWsClient implements AutoCloseable {
    public final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** A server frame: opcode, payload. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        public String text() {
            return new String(payload, opcode == 8 && payload.length >= 2 ? 2 : 0,
                    opcode == 8 && payload.length >= 2 ? payload.length - 2 : payload.length, StandardCharsets.UTF_8);
        }
    }

    public RawWsClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a request head and returns the response head (through the blank line). */
    public String request(String head) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readHead();
    }

    /** The standard handshake for {@code path}; fails unless answered 101. */
    public static RawWsClient open(int port, String path) throws IOException {
        RawWsClient c = new RawWsClient(port);
        String head = c.request(handshake(path, ""));
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + head);
        }
        return c;
    }

    public static String handshake(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed in the response head: " + b);
            }
            b.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        if ((b1 & 0x80) != 0) {
            throw new IOException("a server frame must not be masked");
        }
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] p = new byte[(int) len];
        in.readFully(p);
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, p);
    }

    /** Whether the server closed the connection (end of stream) within the timeout. */
    public boolean closedByServer() throws IOException {
        try {
            InputStream i = socket.getInputStream();
            while (true) {
                int c = i.read();
                if (c < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: closed too
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
