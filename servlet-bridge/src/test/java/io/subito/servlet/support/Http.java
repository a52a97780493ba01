package io.subito.servlet.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A deliberately small HTTP/1.1 client over a raw socket, so tests see exactly what went on the wire. */
public final class Http implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public Http(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** One request on a fresh connection. */
    public static Reply get(int port, String target, String... headers) throws IOException {
        try (Http h = new Http(port)) {
            return h.send("GET", target, null, headers);
        }
    }

    public static Reply post(int port, String target, String body, String... headers) throws IOException {
        try (Http h = new Http(port)) {
            return h.send("POST", target, body, headers);
        }
    }

    public static Reply request(int port, String method, String target, String... headers) throws IOException {
        try (Http h = new Http(port)) {
            return h.send(method, target, null, headers);
        }
    }

    /** Sends a request on this connection and reads its response. Headers are "Name: value". */
    public Reply send(String method, String target, String body, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean host = false;
        for (String h : headers) {
            sb.append(h).append("\r\n");
            host |= h.regionMatches(true, 0, "Host:", 0, 5);
        }
        if (!host) {
            sb.append("Host: localhost:").append(socket.getPort()).append("\r\n");
        }
        byte[] b = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (b != null) {
            sb.append("Content-Length: ").append(b.length).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        if (b != null) {
            out.write(b);
        }
        out.flush();
        return read(method.equals("HEAD"));
    }

    /** The connection's output, for a request body written while the response is read. */
    public OutputStream output() {
        return out;
    }

    public Socket socket() {
        return socket;
    }

    /** Writes raw bytes (for hand-made requests). */
    public void raw(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public Reply read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> hs = new LinkedHashMap<>();
        String l;
        while (!(l = line()).isEmpty()) {
            int c = l.indexOf(':');
            hs.computeIfAbsent(l.substring(0, c).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(c + 1).trim());
        }
        byte[] body;
        Map<String, String> trailers = new LinkedHashMap<>();
        List<String> te = hs.get("transfer-encoding");
        List<String> cl = hs.get("content-length");
        if (head || status == 204 || status == 304 || status < 200) {
            body = new byte[0];
        } else if (te != null && te.get(0).contains("chunked")) {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    String t;
                    while (!(t = line()).isEmpty()) {
                        int c = t.indexOf(':');
                        trailers.put(t.substring(0, c).trim().toLowerCase(Locale.ROOT), t.substring(c + 1).trim());
                    }
                    break;
                }
                bo.write(in.readNBytes(n));
                line();
            }
            body = bo.toByteArray();
        } else if (cl != null) {
            body = in.readNBytes(Integer.parseInt(cl.get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, hs, body, trailers);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A parsed response. Header names are lower-cased. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] bytes, Map<String, String> trailers) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        public List<String> headers(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? List.of() : v;
        }

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public String body(java.nio.charset.Charset cs) {
            return new String(bytes, cs);
        }
    }
}
