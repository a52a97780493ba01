package io.subito.websocket.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The opening handshake's rules for the request (RFC 6455 section 4.2.1), each with the status
 * and message of its refusal, and the {@code Sec-WebSocket-Accept} answer (section 4.2.2).
 */
public final class HandshakeCheck {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** A refused handshake: the HTTP status and why. */
    public record Refusal(int status, String message) {
    }

    private HandshakeCheck() {
    }

    /** Whether the request asks for WebSocket at all ({@code Upgrade: websocket}); other requests pass by untouched. */
    public static boolean asksForWebSocket(String upgradeHeader) {
        return upgradeHeader != null && hasToken(List.of(upgradeHeader), "websocket");
    }

    /**
     * Null when the request is a valid opening handshake, else the refusal. {@code connection} and
     * {@code versions} are every value of those headers.
     */
    public static Refusal check(String method, List<String> connection, List<String> versions, List<String> keys) {
        if (!"GET".equals(method)) {
            return new Refusal(405, "a WebSocket handshake is a GET request, not " + method);
        }
        if (!hasToken(connection, "upgrade")) {
            return new Refusal(400, "the Connection header does not contain upgrade");
        }
        if (versions.size() != 1 || !"13".equals(versions.get(0).trim())) {
            return new Refusal(426, "Sec-WebSocket-Version must be 13");
        }
        if (keys.size() != 1 || !validKey(keys.get(0).trim())) {
            return new Refusal(400, "Sec-WebSocket-Key must be one base64-encoded 16-byte value");
        }
        return null;
    }

    static boolean validKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code Sec-WebSocket-Accept} value for a client's key. */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] d = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** Whether any of the comma-separated values holds {@code token}, case-insensitively. */
    public static boolean hasToken(List<String> values, String token) {
        for (String v : values) {
            for (String t : v.split(",")) {
                if (t.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The comma-separated tokens of all values, trimmed, in order (subprotocols). */
    public static List<String> tokens(List<String> values) {
        List<String> out = new java.util.ArrayList<>();
        for (String v : values) {
            for (String t : v.split(",")) {
                String s = t.trim();
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
