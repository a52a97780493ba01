package io.subito.container.http2;

import io.subito.container.http.RequestHead;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The HTTP/1.1 request that asks for h2c (RFC 7540 section 3.2; RFC 9113 section 3.1 keeps it
 * for existing clients): {@code Upgrade: h2c}, {@code Connection: Upgrade, HTTP2-Settings} and
 * exactly one {@code HTTP2-Settings} field, the client's SETTINGS payload in base64url. A request
 * that does not ask properly is served over HTTP/1.1, as a server that does not know h2c would
 * (section 3.2: the server may ignore the upgrade); an HTTP2-Settings field that is not a
 * SETTINGS payload is refused with 400.
 */
public final class H2cUpgrade {
    /** The 101 response: the bytes that precede the server's connection preface. */
    public static final byte[] SWITCHING = ("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    private H2cUpgrade() {
    }

    /** Whether {@code head} asks for h2c (Upgrade lists h2c, Connection lists both options, one HTTP2-Settings). */
    public static boolean requested(RequestHead head) {
        int u = head.indexOf("upgrade", 0);
        if (u < 0 || !hasToken(head.headerValue(u), "h2c")) {
            return false;
        }
        int s = head.indexOf("http2-settings", 0);
        if (s < 0 || head.indexOf("http2-settings", s + 1) >= 0) {
            return false;
        }
        boolean upgrade = false;
        boolean settings = false;
        for (int i = head.indexOf("connection", 0); i >= 0; i = head.indexOf("connection", i + 1)) {
            String v = head.headerValue(i);
            upgrade |= hasToken(v, "upgrade");
            settings |= hasToken(v, "http2-settings");
        }
        return upgrade && settings;
    }

    /**
     * The SETTINGS payload of the request's HTTP2-Settings field.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static byte[] settings(RequestHead head) {
        String v = head.header("http2-settings").trim();
        byte[] b;
        try {
            b = Base64.getUrlDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HTTP2-Settings is not base64url (RFC 7540 section 3.2.1): " + e.getMessage());
        }
        if (b.length % 6 != 0) {
            throw new IllegalArgumentException("HTTP2-Settings decodes to " + b.length + " bytes, not a whole number of settings");
        }
        try {
            new Http2Settings().applyAll(b, 0, b.length);
        } catch (Http2Exception e) {
            throw new IllegalArgumentException("HTTP2-Settings: " + e.getMessage());
        }
        return b;
    }

    /**
     * The request as the bytes of an HTTP/1.1 head for stream 1, without the fields that applied
     * to the HTTP/1.1 connection only (Connection and the options it names, Upgrade,
     * HTTP2-Settings, Keep-Alive).
     */
    public static byte[] streamHead(RequestHead head) {
        StringBuilder b = new StringBuilder(256);
        b.append(head.method()).append(' ').append(head.target()).append(" HTTP/1.1\r\n");
        for (int i = 0, n = head.headerCount(); i < n; i++) {
            String name = head.headerName(i).toLowerCase(Locale.ROOT);
            switch (name) {
                case "connection", "upgrade", "http2-settings", "keep-alive", "proxy-connection" -> {
                }
                default -> b.append(head.headerName(i)).append(": ").append(head.headerValue(i)).append("\r\n");
            }
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Whether the comma-separated list {@code value} holds {@code token} (case-insensitive). */
    static boolean hasToken(String value, String token) {
        for (String t : value.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
