package io.subito.container.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made for a test by the {@code openssl} command, in a directory of its own: a CA,
 * and server certificates it signs for {@code localhost} and 127.0.0.1 (RSA or EC), as PEM
 * (PKCS#8 keys, the chain leaf first) and as PKCS12. Nothing is committed.
 */
public final class TestCertificates {
    public final Path dir;
    public final Path caCert;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
    }

    /** A new CA in {@code dir}. */
    public static TestCertificates create(Path dir) throws IOException {
        TestCertificates t = new TestCertificates(dir);
        t.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Subito Test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
        return t;
    }

    /** A server certificate signed by the CA: {@code NAME.pem} (leaf, then CA) and {@code NAME.key} (PKCS#8). */
    public Server server(String name, String algorithm, String... dnsNames) throws IOException {
        return server(name, algorithm, 2, dnsNames);
    }

    /** Like {@link #server(String, String, String...)}, but no longer valid: it expired before it was made. */
    public Server expired(String name, String algorithm) throws IOException {
        return server(name, algorithm, -1);
    }

    private Server server(String name, String algorithm, int days, String... dnsNames) throws IOException {
        List<String> keyArgs = algorithm.equals("EC")
                ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256")
                : List.of("-newkey", "rsa:2048");
        StringBuilder san = new StringBuilder("subjectAltName=IP:127.0.0.1");
        for (String d : dnsNames.length == 0 ? new String[] {"localhost"} : dnsNames) {
            san.append(",DNS:").append(d);
        }
        Files.writeString(dir.resolve(name + ".ext"), san + "\nextendedKeyUsage=serverAuth,clientAuth\n");
        List<String> req = new ArrayList<>(List.of("req"));
        req.addAll(keyArgs);
        req.addAll(List.of("-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name));
        openssl(req.toArray(String[]::new));
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", Integer.toString(days), "-out", name + ".leaf.pem", "-extfile", name + ".ext");
        Files.writeString(dir.resolve(name + ".pem"), Files.readString(dir.resolve(name + ".leaf.pem"))
                + Files.readString(caCert));
        openssl("pkcs12", "-export", "-in", name + ".pem", "-inkey", name + ".key", "-out", name + ".p12",
                "-passout", "pass:changeit", "-name", name);
        return new Server(dir.resolve(name + ".pem"), dir.resolve(name + ".key"), dir.resolve(name + ".p12"));
    }

    /** A server's files; the PKCS12 store's password is "changeit". */
    public record Server(Path certificate, Path key, Path pkcs12) {
    }

    /** A client context trusting only the test CA, presenting {@code own}'s certificate when asked. */
    public SSLContext clientContext(Server own) throws Exception {
        return clientContext(own, this);
    }

    /** A client context trusting only {@code trusted}'s CA, presenting {@code own}'s certificate (made by this CA) when asked. */
    public SSLContext clientContext(Server own, TestCertificates trusted) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(own.pkcs12())) {
            ks.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), trusted.trustManagers(), null);
        return ctx;
    }

    /** A client context trusting only the test CA. */
    public SSLContext clientContext() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustManagers(), null);
        return ctx;
    }

    private javax.net.ssl.TrustManager[] trustManagers() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCert)) {
            trust.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    public void openssl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
