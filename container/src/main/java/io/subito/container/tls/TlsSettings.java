package io.subito.container.tls;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the HTTPS listener is told: where its certificate and key are (PEM files, or a keystore),
 * how to get their passwords (a file or an environment variable, never the value itself, never
 * logged), protocols, cipher suites, ALPN. Keys of {@code conf/server.properties}, read one by one
 * through {@link Properties#getProperty} so the layered settings know them.
 */
public final class TlsSettings {
    /** TLS 1.3 and 1.2; nothing older. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /**
     * TLS 1.3's AEAD suites, then TLS 1.2 with ECDHE (forward secrecy) and an AEAD cipher only:
     * no RSA key exchange, no CBC, no NULL/EXPORT/RC4/3DES. The Mozilla "intermediate" list.
     */
    public static final List<String> DEFAULT_CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    public static final List<String> DEFAULT_ALPN = List.of("http/1.1");
    /** With HTTP/2 on: h2 preferred, HTTP/1.1 for the clients without it (RFC 9113 section 3.2). */
    public static final List<String> H2_ALPN = List.of("h2", "http/1.1");

    /** Where a certificate comes from: PEM files, or one key entry of a keystore. */
    public record Credentials(Path certificate, Path key, Path keystore, String keystoreType,
            Secret keystorePassword, Secret keyPassword, String prefix) {
    }

    /** {@code none}, {@code want} (asked for, optional) or {@code need} (required). */
    public enum ClientAuth { NONE, WANT, NEED }

    private Credentials main;
    private final Map<String, Credentials> sni = new TreeMap<>();
    private List<String> protocols = DEFAULT_PROTOCOLS;
    private List<String> ciphers = DEFAULT_CIPHERS;
    private List<String> alpn = DEFAULT_ALPN;
    private ClientAuth clientAuth = ClientAuth.NONE;
    private Path truststore;
    private String truststoreType = "PKCS12";
    private Secret truststorePassword;
    private long reloadCheckMillis = 10_000;
    private long handshakeTimeoutMillis = 10_000;
    private long inlineTaskMicros = 1_000;
    /** The Strict-Transport-Security value of HTTPS responses; null: none. */
    private String hsts;
    private boolean sniStrict;

    /** The settings of {@code p}'s {@code tls.*} keys; null when none of {@code tls.certificate} and {@code tls.keystore} is given. */
    public static TlsSettings fromProperties(Properties p) {
        Credentials c = credentials(p, "tls.");
        TlsSettings s = new TlsSettings();
        s.protocols = list(p, "tls.protocols", DEFAULT_PROTOCOLS);
        s.reloadCheckMillis = millis(p, "tls.reloadCheckMillis", s.reloadCheckMillis, 0);
        s.handshakeTimeoutMillis = millis(p, "tls.handshakeTimeoutMillis", s.handshakeTimeoutMillis, 1);
        s.inlineTaskMicros = millis(p, "tls.inlineTaskMicros", s.inlineTaskMicros, 0);
        s.hsts(blankToNull(p.getProperty("tls.hsts")));
        s.sniStrict = booleanValue(p, "tls.sniStrict");
        s.ciphers = list(p, "tls.ciphers", DEFAULT_CIPHERS);
        String auth = p.getProperty("tls.clientAuth", "none").trim().toUpperCase(Locale.ROOT);
        auth = auth.isEmpty() ? "NONE" : auth;
        try {
            s.clientAuth = ClientAuth.valueOf(auth);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls.clientAuth=" + auth.toLowerCase(Locale.ROOT) + " is not one of none, want, need");
        }
        String trust = p.getProperty("tls.truststore");
        String trustType = p.getProperty("tls.truststoreType", "PKCS12").trim();
        Secret trustPassword = Secret.from(p, "tls.truststorePassword");
        if (trust != null && !trust.isBlank()) {
            s.truststore = Path.of(trust.trim());
            s.truststoreType = trustType;
            s.truststorePassword = trustPassword;
        }
        String names = p.getProperty("tls.sni.names");
        if (names != null && !names.isBlank()) {
            for (String name : names.split(",")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (!n.isEmpty()) {
                    Credentials nc = credentials(p, "tls.sni." + n + ".");
                    if (nc == null) {
                        throw new IllegalArgumentException("tls.sni.names lists " + n + " but tls.sni." + n
                                + ".certificate or tls.sni." + n + ".keystore is not set");
                    }
                    s.sni.put(n, nc);
                }
            }
        }
        if (c == null) {
            if (!s.sni.isEmpty()) {
                throw new IllegalArgumentException("tls.sni.names is set but the default certificate (tls.certificate or tls.keystore) is not");
            }
            return null;
        }
        s.main = c;
        return s;
    }

    private static Credentials credentials(Properties p, String prefix) {
        String cert = blankToNull(p.getProperty(prefix + "certificate"));
        String key = blankToNull(p.getProperty(prefix + "key"));
        String store = blankToNull(p.getProperty(prefix + "keystore"));
        String type = p.getProperty(prefix + "keystoreType", "PKCS12").trim();
        Secret storePass = Secret.from(p, prefix + "keystorePassword");
        Secret keyPass = Secret.from(p, prefix + "keyPassword");
        if (cert == null && key == null && store == null) {
            return null;
        }
        if (store != null && (cert != null || key != null)) {
            throw new IllegalArgumentException(prefix + "keystore and " + prefix + "certificate/" + prefix + "key are exclusive: give one of them");
        }
        if (store == null && (cert == null || key == null)) {
            throw new IllegalArgumentException((cert == null ? prefix + "certificate" : prefix + "key")
                    + " is missing: " + prefix + "certificate and " + prefix + "key go together");
        }
        return new Credentials(cert == null ? null : Path.of(cert), key == null ? null : Path.of(key),
                store == null ? null : Path.of(store), type, storePass, keyPass, prefix);
    }

    private static long millis(Properties p, String key, long def, long min) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min) {
                throw new IllegalArgumentException(key + "=" + v.trim() + " must be at least " + min);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v.trim() + " is not a number");
        }
    }

    private static boolean booleanValue(Properties p, String key) {
        String v = blankToNull(p.getProperty(key));
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + "=" + v + " is not true or false");
        };
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static List<String> list(Properties p, String key, List<String> def) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    // ---------------------------------------------------------------- for the embedded API and tests

    /** PEM certificate chain and PKCS#8 key. */
    public static TlsSettings pem(Path certificate, Path key) {
        TlsSettings s = new TlsSettings();
        s.main = new Credentials(certificate, key, null, null, null, null, "tls.");
        return s;
    }

    /** A keystore (PKCS12 or JKS) with one key entry; the password given directly. */
    public static TlsSettings keystore(Path keystore, String type, char[] password) {
        TlsSettings s = new TlsSettings();
        s.main = new Credentials(null, null, keystore, type, Secret.of(password), null, "tls.");
        return s;
    }

    public TlsSettings protocols(List<String> v) { protocols = List.copyOf(v); return this; }
    public TlsSettings ciphers(List<String> v) { ciphers = List.copyOf(v); return this; }
    public TlsSettings clientAuth(ClientAuth v) { clientAuth = v; return this; }
    /** The protocols offered by ALPN, preferred first (the server's choice wins). */
    public TlsSettings alpn(List<String> v) { alpn = List.copyOf(v); return this; }
    /** How often the certificate files are checked for changes (reloaded when they changed); 0: never. */
    public TlsSettings reloadCheckMillis(long v) { reloadCheckMillis = v; return this; }
    public long reloadCheckMillis() { return reloadCheckMillis; }
    /** How long after the accept a handshake must be done (a PROXY header before it included); then the connection is closed. */
    public TlsSettings handshakeTimeoutMillis(long v) {
        if (v < 1) {
            throw new IllegalArgumentException("tls.handshakeTimeoutMillis=" + v + " must be at least 1");
        }
        handshakeTimeoutMillis = v;
        return this;
    }
    public long handshakeTimeoutMillis() { return handshakeTimeoutMillis; }
    /**
     * The ClientHello's delegated tasks (key exchange, signature) run on the loop while their
     * measured average CPU time stays at most this many microseconds, else on a worker; 0: always
     * on a worker. Never on the loop with client authentication (a trust manager may block).
     */
    public TlsSettings inlineTaskMicros(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("tls.inlineTaskMicros=" + v + " must be at least 0");
        }
        inlineTaskMicros = v;
        return this;
    }
    public long inlineTaskMicros() { return inlineTaskMicros; }
    /**
     * The {@code Strict-Transport-Security} value HTTPS responses carry (e.g. {@code max-age=31536000;
     * includeSubDomains}) unless the application set its own; null: none (the default).
     */
    public TlsSettings hsts(String v) {
        if (v != null && (v.isBlank() || !v.trim().regionMatches(true, 0, "max-age=", 0, 8) || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new IllegalArgumentException("tls.hsts=" + v + ": must start with max-age=SECONDS (RFC 6797), e.g. max-age=31536000; includeSubDomains");
        }
        hsts = v == null ? null : v.trim();
        return this;
    }
    public String hsts() { return hsts; }
    /** Whether a handshake naming (SNI) a host no certificate is for is refused (unrecognized_name) instead of getting the default certificate. */
    public TlsSettings sniStrict(boolean v) { sniStrict = v; return this; }
    public boolean sniStrict() { return sniStrict; }
    public TlsSettings truststore(Path store, String type, char[] password) {
        truststore = store;
        truststoreType = type;
        truststorePassword = Secret.of(password);
        return this;
    }
    public TlsSettings sni(String name, Credentials c) { sni.put(name.toLowerCase(Locale.ROOT), c); return this; }

    public Credentials main() { return main; }
    public Map<String, Credentials> sniCredentials() { return sni; }
    public List<String> protocols() { return protocols; }
    public List<String> ciphers() { return ciphers; }
    public List<String> alpn() { return alpn; }
    public ClientAuth clientAuth() { return clientAuth; }
    public Path truststore() { return truststore; }
    public String truststoreType() { return truststoreType; }
    public Secret truststorePassword() { return truststorePassword; }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "tls " + (main.keystore() != null ? "keystore " + main.keystore() : "certificate " + main.certificate())
                + " protocols " + protocols + " clientAuth " + clientAuth.name().toLowerCase(Locale.ROOT)
                + (sni.isEmpty() ? "" : " sni " + sni.keySet());
    }
}
