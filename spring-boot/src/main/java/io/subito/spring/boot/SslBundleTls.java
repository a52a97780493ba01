package io.subito.spring.boot;

import io.subito.container.tls.Secret;
import io.subito.container.tls.ServerTls;
import io.subito.container.tls.TlsSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerException;

/**
 * Spring Boot's SSL bundle ({@code server.ssl.*}, or {@code spring.ssl.bundle.*} named by
 * {@code server.ssl.bundle}) as Subito's {@link TlsSettings}. A bundle holds its key store in
 * memory (PEM files, a JKS or PKCS12 file, or something a bean made); Subito's TLS reads files, so
 * the key entry the bundle names and the trust store are written to PKCS12 files in a directory
 * only this user may read, encrypted with a random password that never leaves this JVM. The
 * directory is deleted when the server is destroyed.
 *
 * <p>A bundle that Spring Boot reloads ({@code reload-on-update}) has its files written again;
 * Subito's certificate reloader sees the change and new handshakes use the new certificate.
 */
final class SslBundleTls implements AutoCloseable {
    /** The reloader checks only these private files, written when a bundle changes: a check is a stat. */
    private static final long RELOAD_CHECK_MILLIS = 1000;
    private static final String ENTRY = "default";
    private static final Log LOG = LogFactory.getLog(SubitoServletWebServerFactory.class);

    private final Path dir;
    private final char[] password = randomPassword();
    /** {@code server.ssl.bundle}, or null when the bundle is made of {@code server.ssl.*}. */
    private final String bundleName;
    private final TlsSettings settings;

    private SslBundleTls(Path dir, Ssl ssl, SslBundle bundle, Map<String, SslBundle> serverNameBundles) {
        this.dir = dir;
        this.bundleName = ssl.getBundle();
        Path keystore = writeKeyEntry("server", bundle);
        TlsSettings s = TlsSettings.keystore(keystore, "PKCS12", password);
        SslOptions options = bundle.getOptions();
        if (options.getEnabledProtocols() != null && options.getEnabledProtocols().length > 0) {
            s.protocols(Arrays.asList(options.getEnabledProtocols()));
        }
        if (options.getCiphers() != null && options.getCiphers().length > 0) {
            s.ciphers(Arrays.asList(options.getCiphers()));
        }
        Path truststore = writeTrustStore(bundle.getStores());
        if (truststore != null) {
            s.truststore(truststore, "PKCS12", password);
        }
        s.clientAuth(clientAuth(ssl.getClientAuth(), truststore != null));
        serverNameBundles.forEach((name, b) -> {
            String key = name.toLowerCase(Locale.ROOT);
            Path file = writeKeyEntry("sni-" + Integer.toHexString(key.hashCode()), b);
            s.sni(key, new TlsSettings.Credentials(null, null, file, "PKCS12", Secret.of(password), null,
                    "server.ssl.server-name-bundles[" + key + "]."));
        });
        s.reloadCheckMillis(RELOAD_CHECK_MILLIS);
        this.settings = s;
    }

    /**
     * Writes the bundle's files and makes the settings.
     *
     * @throws WebServerException naming the Spring Boot property at fault
     */
    static SslBundleTls create(Ssl ssl, SslBundle bundle, Map<String, SslBundle> serverNameBundles) {
        Path dir;
        try {
            dir = Files.createTempDirectory("subito-ssl-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            dir = tempDir();
        } catch (IOException e) {
            throw new WebServerException("Cannot make a directory for the SSL bundle's key store", e);
        }
        try {
            SslBundleTls tls = new SslBundleTls(dir, ssl, bundle, serverNameBundles);
            tls.check();
            return tls;
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("subito-ssl-");
        } catch (IOException e) {
            throw new WebServerException("Cannot make a directory for the SSL bundle's key store", e);
        }
    }

    /** Loads the settings as the server will, so that what the JVM refuses is named by its Spring Boot property. */
    private void check() {
        try {
            ServerTls.create(settings);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (m.startsWith("tls.ciphers=")) {
                throw invalid("ciphers", m.substring("tls.ciphers=".length(), m.indexOf(':')), "no cipher suite of it is supported by this JVM");
            }
            if (m.startsWith("tls.protocols=")) {
                throw invalid("enabled-protocols", m.substring("tls.protocols=".length(), m.indexOf(':')),
                        "no protocol of it is supported by this JVM");
            }
            throw new WebServerException("Invalid SSL settings: " + m, e);
        }
    }

    TlsSettings settings() {
        return settings;
    }

    /** A reloaded bundle: its files are written again (the server reloads them within a second). */
    void update(String serverName, SslBundle bundle) {
        LOG.info("SSL bundle " + (serverName == null ? "'" + bundleName + "'" : "of server name " + serverName)
                + " changed: new handshakes will use its certificate");
        if (serverName == null) {
            writeKeyEntry("server", bundle);
            writeTrustStore(bundle.getStores());
        } else {
            writeKeyEntry("sni-" + Integer.toHexString(serverName.toLowerCase(Locale.ROOT).hashCode()), bundle);
        }
    }

    private static TlsSettings.ClientAuth clientAuth(Ssl.ClientAuth auth, boolean haveTrustStore) {
        TlsSettings.ClientAuth mapped = auth == null ? TlsSettings.ClientAuth.NONE : switch (auth) {
            case NONE -> TlsSettings.ClientAuth.NONE;
            case WANT -> TlsSettings.ClientAuth.WANT;
            case NEED -> TlsSettings.ClientAuth.NEED;
        };
        if (mapped != TlsSettings.ClientAuth.NONE && !haveTrustStore) {
            throw new InvalidConfigurationPropertyValueException("server.ssl.client-auth", auth.name().toLowerCase(Locale.ROOT),
                    "server.ssl.client-auth=" + auth.name().toLowerCase(Locale.ROOT) + " needs a trust store "
                    + "(server.ssl.trust-store, server.ssl.trust-certificate, or the bundle's truststore)");
        }
        return mapped;
    }

    /** The one key entry the bundle names (its key alias, or the store's only key entry), alone in a new PKCS12 file. */
    private Path writeKeyEntry(String name, SslBundle bundle) {
        SslStoreBundle stores = bundle.getStores();
        SslBundleKey bundleKey = bundle.getKey();
        try {
            KeyStore source = stores.getKeyStore();
            if (source == null) {
                throw new WebServerException("SSL is enabled but the bundle has no key store: set server.ssl.certificate and "
                        + "server.ssl.certificate-private-key, server.ssl.key-store, or server.ssl.bundle", null);
            }
            String alias = alias(source, bundleKey.getAlias());
            Key key = key(source, alias, bundleKey.getPassword(), stores.getKeyStorePassword());
            Certificate[] chain = source.getCertificateChain(alias);
            KeyStore out = KeyStore.getInstance("PKCS12");
            out.load(null, null);
            out.setKeyEntry(ENTRY, key, password, chain);
            return store(out, name + ".p12");
        } catch (GeneralSecurityException | IOException e) {
            throw new WebServerException("Cannot read the SSL bundle's key store: " + e.getMessage(), e);
        }
    }

    private String alias(KeyStore store, String wanted) throws GeneralSecurityException {
        if (wanted != null) {
            if (!store.isKeyEntry(wanted)) {
                throw invalid("key-alias", wanted, "the key store has no key entry named " + wanted);
            }
            return wanted;
        }
        List<String> keys = new ArrayList<>();
        for (String a : Collections.list(store.aliases())) {
            if (store.isKeyEntry(a)) {
                keys.add(a);
            }
        }
        if (keys.size() != 1) {
            throw invalid("key-alias", null, "the key store has " + keys.size() + " key entries " + keys
                    + ": name the server's with server.ssl.key-alias (or the bundle's key.alias)");
        }
        return keys.get(0);
    }

    /** The key, opened with the key password, else the store password, else none (PEM bundles). */
    private Key key(KeyStore store, String alias, String keyPassword, String storePassword) throws GeneralSecurityException {
        List<char[]> tries = new ArrayList<>();
        if (keyPassword != null) {
            tries.add(keyPassword.toCharArray());
        } else {
            if (storePassword != null) {
                tries.add(storePassword.toCharArray());
            }
            tries.add(null);
            tries.add(new char[0]);
        }
        for (char[] p : tries) {
            try {
                Key k = store.getKey(alias, p);
                if (k != null) {
                    return k;
                }
            } catch (UnrecoverableKeyException | RuntimeException e) {
                // the next candidate
            }
        }
        throw invalid("key-password", keyPassword == null ? null : "******", "cannot open the key '" + alias + "': "
                + (keyPassword != null ? "wrong password" : "it has a password and none is set"));
    }

    /**
     * A bad value, named as Spring Boot's failure analysis shows it: {@code server.ssl.NAME}, or
     * {@code server.ssl.bundle} when a bundle was named (whose key settings are {@code key.alias},
     * {@code key.password}).
     */
    private InvalidConfigurationPropertyValueException invalid(String name, String value, String reason) {
        return bundleName == null ? new InvalidConfigurationPropertyValueException("server.ssl." + name, value, reason)
                : new InvalidConfigurationPropertyValueException("server.ssl.bundle", bundleName,
                        "SSL bundle '" + bundleName + "': " + reason);
    }

    private Path writeTrustStore(SslStoreBundle stores) {
        try {
            KeyStore source = stores.getTrustStore();
            if (source == null) {
                return null;
            }
            KeyStore out = KeyStore.getInstance("PKCS12");
            out.load(null, null);
            int i = 0;
            for (String a : Collections.list(source.aliases())) {
                Certificate c = source.getCertificate(a);
                if (c != null) {
                    out.setCertificateEntry("ca" + i++, c);
                }
            }
            return store(out, "trust.p12");
        } catch (GeneralSecurityException | IOException e) {
            throw new WebServerException("Cannot read the SSL bundle's trust store: " + e.getMessage(), e);
        }
    }

    /** Written beside and moved into place, so that the reloader never reads half a file. */
    private Path store(KeyStore ks, String file) throws IOException, GeneralSecurityException {
        Path target = dir.resolve(file);
        Path tmp = dir.resolve(file + ".new");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static char[] randomPassword() {
        SecureRandom r = new SecureRandom();
        char[] p = new char[32];
        for (int i = 0; i < p.length; i++) {
            p[i] = (char) ('a' + r.nextInt(26));
        }
        return p;
    }

    @Override
    public void close() {
        delete(dir);
        Arrays.fill(password, '\0');
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind holds only encrypted stores whose password is gone
        }
    }
}
