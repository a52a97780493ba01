package io.subito.container.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The HTTPS listener's TLS: an {@link SSLContext} made from {@link TlsSettings} (certificates and
 * keys checked at start: a missing file, a wrong password, a key that does not match its
 * certificate fail here with a message naming the setting), and the engines of its connections,
 * each set to the configured protocols, cipher suites, ALPN and client authentication.
 */
public final class ServerTls {
    static final String DEFAULT_ALIAS = "default";
    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    static {
        // the JDK then answers a TLS 1.2 client's renegotiation with a fatal handshake_failure alert
        // (read once, when the first server handshake of the JVM starts: hence here, before any of
        // ours); TlsHandshake refuses it as well should the property have been read earlier as false
        if (System.getProperty(REJECT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_RENEGOTIATION, "true");
        }
    }

    private final TlsSettings settings;
    /** The current certificates' context, protocols and suites; replaced as a whole by {@link #reloadFrom}. */
    private volatile Current current;
    private final int packetBufferSize;

    /** {@code sniNames}: with tls.sniStrict, the names a client may ask for; else null. */
    private record Current(SSLContext context, String[] protocols, String[] ciphers, List<SNIMatcher> sniNames) {
    }

    private ServerTls(TlsSettings settings, SSLContext context, String[] protocols, String[] ciphers, Set<String> names) {
        this.settings = settings;
        this.current = new Current(context, protocols, ciphers, settings.sniStrict() ? List.of(new SniNames(names)) : null);
        SSLEngine probe = context.createSSLEngine();
        this.packetBufferSize = Math.max(probe.getSession().getPacketBufferSize(), probe.getSession().getApplicationBufferSize());
    }

    /** Loads and checks everything {@code settings} names. @throws IllegalArgumentException naming the setting at fault */
    public static ServerTls create(TlsSettings settings) {
        try {
            char[] pass = randomPassword();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            Set<String> names = new HashSet<>(settings.sniCredentials().keySet());
            load(settings.main(), DEFAULT_ALIAS, keys, pass, names);
            for (Map.Entry<String, TlsSettings.Credentials> e : settings.sniCredentials().entrySet()) {
                load(e.getValue(), e.getKey(), keys, pass, names);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(keys, pass);
            X509ExtendedKeyManager chooser = new SniKeyManager((X509ExtendedKeyManager) kmf.getKeyManagers()[0],
                    settings.sniCredentials().keySet());
            TrustManager[] trust = trustManagers(settings);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {chooser}, trust, null);
            SSLParameters supported = ctx.getSupportedSSLParameters();
            String[] protocols = pick(settings.protocols(), supported.getProtocols(), "tls.protocols");
            String[] ciphers = pick(settings.ciphers(), supported.getCipherSuites(), "tls.ciphers");
            return new ServerTls(settings, ctx, protocols, ciphers, names);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("TLS settings: " + e.getMessage());
        }
    }

    /** The configured names the JDK supports; fails naming {@code setting} if none is left. */
    private static String[] pick(List<String> wanted, String[] supported, String setting) {
        List<String> have = Arrays.asList(supported);
        String[] picked = wanted.stream().filter(have::contains).toArray(String[]::new);
        if (picked.length == 0) {
            throw new IllegalArgumentException(setting + "=" + String.join(",", wanted) + ": none is supported by this JVM");
        }
        return picked;
    }

    private static void load(TlsSettings.Credentials c, String alias, KeyStore into, char[] pass, Set<String> names)
            throws GeneralSecurityException {
        PrivateKey key;
        X509Certificate[] chain;
        if (c.keystore() != null) {
            KeyStore ks = openKeystore(c.keystore(), c.keystoreType(), c.keystorePassword(), c.prefix() + "keystore");
            String entry = keyEntry(ks, c.prefix() + "keystore", c.keystore());
            Secret kp = c.keyPassword() != null ? c.keyPassword() : c.keystorePassword();
            try {
                Key k = ks.getKey(entry, kp == null ? new char[0] : kp.reveal());
                key = (PrivateKey) k;
            } catch (UnrecoverableKeyException e) {
                throw new IllegalArgumentException(c.prefix() + "keystore=" + c.keystore() + ": cannot open the key entry '" + entry
                        + "': wrong " + (c.keyPassword() != null ? c.keyPassword().origin() : c.prefix() + "keystorePassword"));
            }
            Certificate[] certs = ks.getCertificateChain(entry);
            chain = Arrays.copyOf(certs, certs.length, X509Certificate[].class);
        } else {
            chain = PemFiles.certificates(c.certificate(), c.prefix() + "certificate");
            key = PemFiles.privateKey(c.key(), c.prefix() + "key");
        }
        if (!matches(key, chain[0])) {
            throw new IllegalArgumentException((c.keystore() != null ? c.prefix() + "keystore=" + c.keystore()
                    : c.prefix() + "key=" + c.key()) + ": the key does not match the certificate "
                    + chain[0].getSubjectX500Principal().getName());
        }
        into.setKeyEntry(alias, key, pass, chain);
        SniNames.addNames(chain[0], names);
    }

    static KeyStore openKeystore(Path file, String type, Secret password, String setting) throws GeneralSecurityException {
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(type);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + "Type=" + type + ": not a keystore type (PKCS12 or JKS)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password == null ? null : password.reveal());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(setting + "=" + file + ": no such file");
        } catch (IOException e) {
            boolean wrongPassword = e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password");
            throw new IllegalArgumentException(setting + "=" + file + ": cannot open it as " + type
                    + (wrongPassword ? ": wrong " + (password == null ? setting + "Password (none given)" : password.origin()) : ""));
        }
        return ks;
    }

    private static String keyEntry(KeyStore ks, String setting, Path file) throws GeneralSecurityException {
        List<String> entries = new ArrayList<>();
        for (String a : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(a)) {
                entries.add(a);
            }
        }
        if (entries.size() != 1) {
            throw new IllegalArgumentException(setting + "=" + file + ": needs exactly one key entry, has " + entries.size());
        }
        return entries.get(0);
    }

    /** Whether {@code key} is the private half of the certificate's key: a signature made with one verifies with the other. */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (alg == null || !alg.startsWith("Ed") && !cert.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            return alg == null;
        }
        try {
            byte[] probe = "subito key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static TrustManager[] trustManagers(TlsSettings s) throws GeneralSecurityException, IOException {
        if (s.truststore() == null) {
            if (s.clientAuth() != TlsSettings.ClientAuth.NONE) {
                throw new IllegalArgumentException("tls.clientAuth=" + s.clientAuth().name().toLowerCase(java.util.Locale.ROOT)
                        + " needs tls.truststore (the CAs client certificates must come from)");
            }
            return null;
        }
        KeyStore ks;
        if (PemFiles.isPem(s.truststore())) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : PemFiles.bundle(s.truststore(), "tls.truststore")) {
                ks.setCertificateEntry("ca" + i++, c);
            }
        } else {
            ks = openKeystore(s.truststore(), s.truststoreType(), s.truststorePassword(), "tls.truststore");
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    private static char[] randomPassword() {
        SecureRandom r = new SecureRandom();
        char[] p = new char[24];
        for (int i = 0; i < p.length; i++) {
            p[i] = (char) ('a' + r.nextInt(26));
        }
        return p;
    }

    /** A server-side engine with the configured protocols, suites, ALPN and client authentication. */
    public SSLEngine newEngine() {
        Current c = current;
        SSLEngine e = c.context().createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(c.protocols());
        p.setCipherSuites(c.ciphers());
        p.setUseCipherSuitesOrder(true);
        p.setApplicationProtocols(settings.alpn().toArray(String[]::new));
        if (c.sniNames() != null) {
            p.setSNIMatchers(c.sniNames()); // tls.sniStrict: unrecognized_name for a name no certificate is for
        }
        switch (settings.clientAuth()) {
            case NEED -> p.setNeedClientAuth(true);
            case WANT -> p.setWantClientAuth(true);
            default -> {
            }
        }
        e.setSSLParameters(p);
        return e;
    }

    /** The largest TLS record (with its header and overhead) an engine of this context reads or writes. */
    public int packetBufferSize() {
        return packetBufferSize;
    }

    public TlsSettings settings() {
        return settings;
    }

    /** For the start-up log line: protocols and suites, never secrets. */
    @Override
    public String toString() {
        return settings + " enabled " + String.join(",", current.protocols());
    }

    /** New handshakes use {@code fresh}'s certificates from now on; open connections keep theirs. */
    void reloadFrom(ServerTls fresh) {
        current = fresh.current;
    }
}
