package io.subito.servlet.request;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The request attributes of Servlet 6.1 section 3.10 for a request over TLS, made from the
 * connection's session when an application asks: cipher suite, key size, session id, and the
 * client's certificate chain (only when the client sent one).
 */
final class TlsAttributes {
    static final String CIPHER_SUITE = "jakarta.servlet.request.cipher_suite";
    static final String KEY_SIZE = "jakarta.servlet.request.key_size";
    static final String SESSION_ID = "jakarta.servlet.request.ssl_session_id";
    static final String X509 = "jakarta.servlet.request.X509Certificate";
    private static final List<String> NAMES = List.of(CIPHER_SUITE, KEY_SIZE, SESSION_ID, X509);

    private TlsAttributes() {
    }

    /** The request's own attribute, else (over TLS) one of these, made when first asked for. */
    static Object attribute(RequestState s, String name) {
        Object v = s.attributes.get(name);
        return v == null && s.secure ? get(s.exchange.tlsSession(), name) : v;
    }

    static Enumeration<String> attributeNames(RequestState s) {
        return s.secure ? withNames(s.attributes.names(), s.exchange.tlsSession()) : s.attributes.names();
    }

    static Object get(SSLSession session, String name) {
        if (session == null || !name.startsWith("jakarta.servlet.request.")) {
            return null;
        }
        return switch (name) {
            case CIPHER_SUITE -> session.getCipherSuite();
            case KEY_SIZE -> keySize(session.getCipherSuite());
            case SESSION_ID -> HexFormat.of().formatHex(session.getId());
            case X509 -> peerCertificates(session);
            default -> null;
        };
    }

    /** The names an application can see: these, after its own (a certificate only if the client sent one). */
    static Enumeration<String> withNames(Enumeration<String> own, SSLSession session) {
        List<String> all = new ArrayList<>();
        while (own.hasMoreElements()) {
            all.add(own.nextElement());
        }
        for (String n : NAMES) {
            if (!all.contains(n) && get(session, n) != null) {
                all.add(n);
            }
        }
        return java.util.Collections.enumeration(all);
    }

    /** The symmetric cipher's key size in bits, read from the suite's name (as Tomcat does). */
    static Integer keySize(String suite) {
        String s = suite.toUpperCase(Locale.ROOT);
        if (s.contains("AES_256") || s.contains("CHACHA20")) {
            return 256;
        }
        if (s.contains("AES_128")) {
            return 128;
        }
        if (s.contains("3DES")) {
            return 168;
        }
        return null;
    }

    private static X509Certificate[] peerCertificates(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            List<X509Certificate> x = new ArrayList<>();
            for (Certificate c : chain) {
                if (c instanceof X509Certificate xc) {
                    x.add(xc);
                }
            }
            return x.isEmpty() ? null : x.toArray(X509Certificate[]::new);
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate
        }
    }
}
