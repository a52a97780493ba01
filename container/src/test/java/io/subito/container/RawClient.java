package io.subito.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.1 client over a plain socket: sends exactly the bytes given, and reads responses
 * by parsing the status line, headers and Content-Length / chunked / close-delimited body.
 */
public final class RawClient implements AutoCloseable {
    public static final int TIMEOUT_MILLIS = 5000;

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    private RawClient(byte[] received) {
        socket = null;
        in = new java.io.ByteArrayInputStream(received);
        out = OutputStream.nullOutputStream();
    }

    /** A reader of responses already received (from a {@link LocalConnector}): {@link #read()} parses them in turn. */
    public static RawClient parsing(byte[] received) {
        return new RawClient(received);
    }

    /** {@link #parsing(byte[])} of ISO-8859-1 text. */
    public static RawClient parsing(String received) {
        return new RawClient(received.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Whether every received byte has been parsed. */
    public boolean atEnd() throws IOException {
        return in.available() == 0;
    }

    public RawClient send(String s) throws IOException {
        return send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] b) throws IOException {
        out.write(b);
        out.flush();
        return this;
    }

    /** Sends one byte per write, with a pause every {@code pauseEvery} bytes so they arrive apart. */
    public RawClient sendByteByByte(String s, int pauseEvery, long pauseMillis) throws IOException, InterruptedException {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length; i++) {
            out.write(b[i]);
            out.flush();
            if (pauseMillis > 0 && (i + 1) % pauseEvery == 0) {
                Thread.sleep(pauseMillis);
            }
        }
        return this;
    }

    /** The socket, for its options (timeouts, half-close); null for a {@link #parsing} reader. */
    public Socket socket() {
        return socket;
    }

    /** The connection's output, for a request body written while a response is read. */
    public OutputStream output() {
        return out;
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response to a non-HEAD request. */
    public Response read() throws IOException {
        return read(false);
    }

    /** Reads one response; {@code toHead} means the request was HEAD (no body follows). */
    public Response read(boolean toHead) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new EOFException("connection closed before a response");
        }
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            fail("bad status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        Response r = new Response(status, reason);
        readFields(r.headers);
        if (status < 200 || status == 204 || status == 304 || toHead) {
            return r;
        }
        String te = r.header("transfer-encoding");
        String cl = r.header("content-length");
        if (te != null) {
            assertEquals("chunked", te, "transfer-encoding");
            assertTrue(cl == null, "both Content-Length and Transfer-Encoding in response");
            r.chunked = true;
            r.body = readChunked(r);
        } else if (cl != null) {
            r.body = readFully(Integer.parseInt(cl));
        } else {
            r.closeDelimited = true;
            r.body = readToEnd();
        }
        return r;
    }

    /** Reads a response that must be an interim 100 Continue. */
    public Response readInterim() throws IOException {
        Response r = read();
        assertEquals(100, r.status, "expected 100 Continue");
        return r;
    }

    private void readFields(java.util.Map<String, java.util.List<String>> into) throws IOException {
        String h;
        while (!(h = line()).isEmpty()) {
            int colon = h.indexOf(':');
            assertTrue(colon > 0, "bad header line: " + h);
            into.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                    k -> new java.util.ArrayList<>()).add(h.substring(colon + 1).trim());
        }
    }

    private byte[] readChunked(Response r) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt(semi < 0 ? sizeLine : sizeLine.substring(0, semi), 16);
            if (size == 0) {
                readFields(r.trailers);
                return body.toByteArray();
            }
            body.write(readFully(size));
            assertEquals("", line(), "chunk not followed by CRLF");
        }
    }

    public byte[] readFully(int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int k = in.read(b, off, n - off);
            if (k < 0) {
                throw new EOFException("connection closed after " + off + " of " + n + " body bytes");
            }
            off += k;
        }
        return b;
    }

    private byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** A CRLF-terminated line (bare LF refused), or null at end of stream before any byte. */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (sb.length() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a line: " + sb);
            }
            if (c == '\r') {
                int n = in.read();
                if (n != '\n') {
                    fail("CR not followed by LF after: " + sb);
                }
                return sb.toString();
            }
            if (c == '\n') {
                fail("bare LF in response after: " + sb);
            }
            sb.append((char) c);
        }
    }

    /**
     * True when the server closed the connection (EOF or reset) within the socket timeout, with no
     * further bytes sent; fails if a byte arrives.
     */
    public boolean awaitClosed() throws IOException {
        try {
            int c = in.read();
            if (c >= 0) {
                fail("expected the connection to be closed, got byte " + c + " ('" + (char) c + "')");
            }
            return true;
        } catch (SocketException e) {
            return true; // reset
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** True if nothing arrives and the connection stays open for {@code millis}. */
    public boolean quietFor(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            int c = in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    public void soTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }

    /** One parsed response. Header names are lower-cased. */
    public static final class Response {
        public final int status;
        public final String reason;
        public final java.util.Map<String, java.util.List<String>> headers = new java.util.LinkedHashMap<>();
        public final java.util.Map<String, java.util.List<String>> trailers = new java.util.LinkedHashMap<>();
        public byte[] body = new byte[0];
        boolean chunked;
        boolean closeDelimited;

        Response(int status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        public String header(String name) {
            java.util.List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            if (v == null) {
                return null;
            }
            assertEquals(1, v.size(), "header " + name + " appears more than once: " + v);
            return v.get(0);
        }

        public boolean hasHeader(String name) {
            return headers.containsKey(name.toLowerCase(java.util.Locale.ROOT));
        }

        public boolean closes() {
            String c = header("connection");
            return c != null && c.equalsIgnoreCase("close");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + reason + " " + headers + " body=" + text();
        }
    }
}
