package io.subito.servlet.support;

import io.subito.container.RawClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The servlet tests' HTTP/1.1 client: requests written as the caller gives them, responses read
 * by the engine's test client ({@link RawClient}), so tests see exactly what went on the wire and
 * both modules' tests parse responses the same strict way. {@link #requestText} makes the bytes
 * of a request for the in-memory server ({@link LocalApp}) too.
 */
public final class Http implements AutoCloseable {
    /** Generous: the tests run on a loaded machine. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;
    private final RawClient client;
    private final int port;

    public Http(int port) throws IOException {
        this.port = port;
        client = new RawClient(port);
        client.soTimeout(READ_TIMEOUT_MILLIS);
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

    /**
     * The bytes of one request: the request line, {@code headers} ("Name: value"), a Host header
     * unless given one, and the body (UTF-8) with its Content-Length when there is one.
     */
    public static byte[] requestText(String method, String target, String body, String host, String... headers) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean hasHost = false;
        for (String h : headers) {
            sb.append(h).append("\r\n");
            hasHost |= h.regionMatches(true, 0, "Host:", 0, 5);
        }
        if (!hasHost) {
            sb.append("Host: ").append(host).append("\r\n");
        }
        byte[] b = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (b != null) {
            sb.append("Content-Length: ").append(b.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (b == null) {
            return head;
        }
        byte[] all = java.util.Arrays.copyOf(head, head.length + b.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        return all;
    }

    /** Sends a request on this connection and reads its response. Headers are "Name: value". */
    public Reply send(String method, String target, String body, String... headers) throws IOException {
        client.send(requestText(method, target, body, "localhost:" + port, headers));
        return read(method.equals("HEAD"));
    }

    /** The connection's output, for a request body written while the response is read. */
    public OutputStream output() {
        return client.output();
    }

    public Socket socket() {
        return client.socket();
    }

    /** Writes raw bytes (for hand-made requests). */
    public void raw(String s) throws IOException {
        client.send(s);
    }

    /** Reads one response; {@code head} means the request was HEAD (no body follows). */
    public Reply read(boolean head) throws IOException {
        return Reply.of(client.read(head));
    }

    @Override
    public void close() {
        client.close();
    }

    /** A parsed response. Header names are lower-cased; a trailer's first value. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] bytes, Map<String, String> trailers) {
        public static Reply of(RawClient.Response r) {
            Map<String, String> trailers = new LinkedHashMap<>();
            r.trailers.forEach((name, values) -> trailers.put(name, values.get(0)));
            return new Reply(r.status, r.headers, r.body, trailers);
        }

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
