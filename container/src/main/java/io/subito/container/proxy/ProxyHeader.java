package io.subito.container.proxy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A decoded PROXY protocol header (HAProxy's proxy-protocol.txt, versions 1 and 2).
 *
 * @param version 1 (text) or 2 (binary)
 * @param length the header's bytes, which come before the application's first byte
 * @param source the client as the proxy saw it; null for a LOCAL command (the proxy's own
 *        health check), for UNKNOWN / UNSPEC and for UNIX sockets: the connection keeps its own
 *        addresses
 * @param destination the address the client connected to, null when {@code source} is
 * @param tlvs version 2's type-length-value fields, in order (empty for version 1)
 */
public record ProxyHeader(int version, int length, InetSocketAddress source, InetSocketAddress destination,
        List<Tlv> tlvs) {

    public static final int PP2_TYPE_ALPN = 0x01;
    public static final int PP2_TYPE_AUTHORITY = 0x02;
    public static final int PP2_TYPE_CRC32C = 0x03;
    public static final int PP2_TYPE_NOOP = 0x04;
    public static final int PP2_TYPE_UNIQUE_ID = 0x05;
    public static final int PP2_TYPE_SSL = 0x20;
    public static final int PP2_SUBTYPE_SSL_VERSION = 0x21;
    public static final int PP2_SUBTYPE_SSL_CN = 0x22;
    public static final int PP2_SUBTYPE_SSL_CIPHER = 0x23;
    public static final int PP2_SUBTYPE_SSL_SIG_ALG = 0x24;
    public static final int PP2_SUBTYPE_SSL_KEY_ALG = 0x25;
    public static final int PP2_TYPE_NETNS = 0x30;
    /** PP2_TYPE_SSL's client field: the client connected over SSL/TLS. */
    public static final int PP2_CLIENT_SSL = 0x01;

    /**
     * One TLV. For {@link #PP2_TYPE_SSL}, {@code value} is the whole field (client, verify,
     * sub-TLVs) and {@code subTlvs} the sub-fields; empty otherwise.
     */
    public record Tlv(int type, byte[] value, List<Tlv> subTlvs) {
        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /** The first TLV of {@code type}, or null. */
    public Tlv tlv(int type) {
        for (Tlv t : tlvs) {
            if (t.type() == type) {
                return t;
            }
        }
        return null;
    }

    /** Whether the proxy says the client's connection to it used TLS (PP2_TYPE_SSL with PP2_CLIENT_SSL). */
    public boolean clientTls() {
        Tlv ssl = tlv(PP2_TYPE_SSL);
        return ssl != null && (ssl.value()[0] & PP2_CLIENT_SSL) != 0;
    }

    /** The TLS version the client used (PP2_SUBTYPE_SSL_VERSION, e.g. {@code TLSv1.3}), or null. */
    public String tlsVersion() {
        Tlv ssl = tlv(PP2_TYPE_SSL);
        if (ssl == null) {
            return null;
        }
        for (Tlv sub : ssl.subTlvs()) {
            if (sub.type() == PP2_SUBTYPE_SSL_VERSION) {
                return sub.text();
            }
        }
        return null;
    }

    /** The host name the client asked for (PP2_TYPE_AUTHORITY, its TLS SNI), or null. */
    public String authority() {
        Tlv a = tlv(PP2_TYPE_AUTHORITY);
        return a == null ? null : a.text();
    }
}
