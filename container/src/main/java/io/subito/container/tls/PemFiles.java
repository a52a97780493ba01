package io.subito.container.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * PEM files with the JDK alone: a certificate chain (the server's certificate first, then its
 * issuers) through {@link CertificateFactory}, which reads concatenated PEM blocks, and an
 * unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}), RSA or EC, through
 * {@link KeyFactory}. Errors name the setting and the file, never key material.
 */
final class PemFiles {
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "RSASSA-PSS", "Ed25519");

    private PemFiles() {
    }

    static X509Certificate[] certificates(Path file, String setting) {
        byte[] bytes = readAll(file, setting);
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(setting + "=" + file + ": no certificate in the file");
            }
            return chain.toArray(X509Certificate[]::new);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(setting + "=" + file + ": not a PEM certificate chain (" + e.getMessage() + ")");
        }
    }

    static PrivateKey privateKey(Path file, String setting) {
        String text = new String(readAll(file, setting), StandardCharsets.US_ASCII);
        int begin = text.indexOf(PKCS8_BEGIN);
        int end = text.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            String hint = text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
                    ? ": a PKCS#1/SEC1 key; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8"
                    : text.contains("BEGIN ENCRYPTED PRIVATE KEY")
                    ? ": an encrypted key; decrypt it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt) or use tls.keystore"
                    : ": no '" + PKCS8_BEGIN + "' block";
            throw new IllegalArgumentException(setting + "=" + file + hint);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + PKCS8_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + "=" + file + ": the key block is not valid base64");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm: a PKCS#8 blob names its own, and only the right factory accepts it
            }
        }
        throw new IllegalArgumentException(setting + "=" + file + ": not an RSA or EC PKCS#8 private key");
    }

    /** A list of PEM certificates (a trust bundle). */
    static List<X509Certificate> bundle(Path file, String setting) {
        return List.of(certificates(file, setting));
    }

    /**
     * Whether a trust store is a PEM bundle: by its name ({@code .pem}, {@code .crt}) or, for a file
     * named otherwise (a CA's {@code cts_cert}, a distribution's {@code ca-bundle}), by its first
     * text, {@code -----BEGIN}. Anything else is opened as a keystore.
     */
    static boolean isPem(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(".pem") || name.endsWith(".crt")) {
            return true;
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1).stripLeading();
            return head.startsWith("-----BEGIN");
        } catch (IOException e) {
            return false; // opening it as a keystore names the file and the cause
        }
    }

    private static byte[] readAll(Path file, String setting) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(setting + "=" + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + "=" + file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
