package io.subito.websocket.client;

import io.subito.websocket.handshake.HandshakeCheck;
import io.subito.websocket.handshake.WsExtension;
import io.subito.websocket.handshake.WsHandshakeResponse;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's side of the opening handshake (RFC 6455 section 4.1): the GET request with a fresh
 * key, the subprotocols and extensions of the {@link ClientEndpointConfig} (which its
 * configurator's {@code beforeRequest} may change), and the checks of the server's answer: 101,
 * {@code Upgrade}, {@code Connection}, the {@code Sec-WebSocket-Accept} of our key, a subprotocol
 * we offered. A refusal is a {@link DeploymentException} naming what was wrong.
 */
final class ClientHandshake {
    /** The longest response head read before giving up. */
    private static final int MAX_HEAD = 16 * 1024;
    private static final SecureRandom KEYS = new SecureRandom();

    /** What the server agreed to. */
    record Result(String subprotocol, List<Extension> extensions, Map<String, List<String>> headers) {
    }

    private ClientHandshake() {
    }

    /** The request's headers, before the configurator sees them. */
    static Map<String, List<String>> requestHeaders(URI uri, ClientEndpointConfig cec, String key) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int port = uri.getPort();
        h.put("Host", new ArrayList<>(List.of(uri.getHost() + (port < 0 ? "" : ":" + port))));
        h.put("Upgrade", new ArrayList<>(List.of("websocket")));
        h.put("Connection", new ArrayList<>(List.of("Upgrade")));
        h.put("Sec-WebSocket-Key", new ArrayList<>(List.of(key)));
        h.put("Sec-WebSocket-Version", new ArrayList<>(List.of("13")));
        if (!cec.getPreferredSubprotocols().isEmpty()) {
            h.put("Sec-WebSocket-Protocol", new ArrayList<>(List.of(String.join(", ", cec.getPreferredSubprotocols()))));
        }
        if (!cec.getExtensions().isEmpty()) {
            List<String> offers = new ArrayList<>();
            for (Extension e : cec.getExtensions()) {
                offers.add(WsExtension.format(e));
            }
            h.put("Sec-WebSocket-Extensions", new ArrayList<>(List.of(String.join(", ", offers))));
        }
        return h;
    }

    static String newKey() {
        byte[] k = new byte[16];
        KEYS.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    /** Sends the request and reads and checks the answer; leaves {@code in} at the first byte after the response head. */
    static Result run(URI uri, ClientEndpointConfig cec, InputStream in, OutputStream out) throws IOException, DeploymentException {
        String key = newKey();
        Map<String, List<String>> headers = requestHeaders(uri, cec, key);
        cec.getConfigurator().beforeRequest(headers);
        StringBuilder req = new StringBuilder("GET ");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        req.append(path).append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
        headers.forEach((name, values) -> values.forEach(v -> req.append(name).append(": ").append(v).append("\r\n")));
        req.append("\r\n");
        out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();

        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new DeploymentException("the server at " + uri + " did not answer HTTP: " + lines[0]);
        }
        Map<String, List<String>> response = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                response.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        WsHandshakeResponse hr = new WsHandshakeResponse();
        hr.getHeaders().putAll(response);
        cec.getConfigurator().afterResponse(hr);
        if (!status[1].equals("101")) {
            throw new DeploymentException("the server at " + uri + " refused the WebSocket handshake: " + lines[0]);
        }
        if (!HandshakeCheck.asksForWebSocket(first(response, "Upgrade")) || !HandshakeCheck.hasToken(response.getOrDefault("Connection", List.of()), "upgrade")) {
            throw new DeploymentException("the server at " + uri + " answered 101 without Upgrade: websocket and Connection: Upgrade");
        }
        if (!HandshakeCheck.accept(key).equals(first(response, "Sec-WebSocket-Accept"))) {
            throw new DeploymentException("the server at " + uri + " answered a wrong Sec-WebSocket-Accept");
        }
        String protocol = first(response, "Sec-WebSocket-Protocol");
        if (protocol != null && !cec.getPreferredSubprotocols().contains(protocol)) {
            throw new DeploymentException("the server at " + uri + " chose the subprotocol " + protocol + ", which was not offered");
        }
        List<Extension> extensions = WsExtension.parse(response.getOrDefault("Sec-WebSocket-Extensions", List.of()));
        return new Result(protocol == null ? "" : protocol, List.copyOf(extensions), response);
    }

    private static String first(Map<String, List<String>> h, String name) {
        List<String> v = h.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The response head up to the blank line, read a byte at a time so nothing after it is taken. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the server closed the connection during the handshake");
            }
            if (b.size() >= MAX_HEAD) {
                throw new IOException("the handshake response head is over " + MAX_HEAD + " bytes");
            }
            b.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
