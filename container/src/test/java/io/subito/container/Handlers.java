package io.subito.container;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Handlers shared by the socket tests. */
public final class Handlers {
    private Handlers() {
    }

    /**
     * Echoes the request: {@code X-Id} is copied to the response, {@code X-Method}/{@code X-Path}
     * name the request, and the body is the request body, or "METHOD path" when there is none.
     */
    public static final HttpHandler ECHO = exchange -> {
        var req = exchange.request();
        var res = exchange.response();
        String id = req.header("X-Id");
        if (id != null) {
            res.setHeader("X-Id", id);
        }
        res.setHeader("X-Method", req.method());
        res.setHeader("X-Path", req.path());
        if (req.query() != null) {
            res.setHeader("X-Query", req.query());
        }
        res.setHeader("X-Request-Number", Long.toString(exchange.requestNumber()));
        byte[] body = readAll(exchange.requestBody());
        if (!exchange.trailers().isEmpty()) {
            res.setHeader("X-Trailers", exchange.trailers().toString());
        }
        res.setHeader("Content-Type", "text/plain");
        if (body.length > 0 || req.contentLength() >= 0 || req.isChunked()) {
            res.output().write(body);
        } else {
            res.output().write((req.method() + " " + req.path()).getBytes(StandardCharsets.UTF_8));
        }
    };

    public static byte[] readAll(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            b.write(buf, 0, n);
        }
        return b.toByteArray();
    }

    public static String get(String path, String... headers) {
        StringBuilder sb = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: t\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }
}
