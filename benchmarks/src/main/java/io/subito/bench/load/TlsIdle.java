package io.subito.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link IdleConnections}' {@code tls} mode: N connections over TLS, each a full handshake and one
 * {@code GET /plaintext}, then held idle. Each connection gets a client context of its own (the
 * trust managers shared), so no session is resumed: N different clients. They trust only the
 * certificate in {@code PEER_CERT}: the self-signed one the server serves.
 */
final class TlsIdle {
    private static final byte[] GET = "GET /plaintext HTTP/1.1\r\nHost: holder\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private TlsIdle() {
    }

    static void hold(int n, InetSocketAddress addr, long holdSeconds) throws Exception {
        TrustManager[] trust = trustManagers();
        List<SSLSocket> held = new ArrayList<>(n);
        byte[] buf = new byte[64 * 1024];
        for (int i = 0; i < n; i++) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust, null);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(addr.getAddress(), addr.getPort());
            s.setTcpNoDelay(true);
            s.setSoTimeout(60_000);
            held.add(s);
            exchange(s, buf);
        }
        System.out.println("READY " + n);
        Thread.sleep(holdSeconds * 1000);
        int alive = 0;
        for (SSLSocket s : held) {
            try {
                exchange(s, buf);
                alive++;
            } catch (IOException e) {
                // closed meanwhile: not alive
            }
        }
        System.out.println("ALIVE " + alive + " of " + n);
        for (SSLSocket s : held) {
            s.close();
        }
    }

    /** Trust in PEER_CERT only. */
    private static TrustManager[] trustManagers() throws Exception {
        String cert = System.getenv("PEER_CERT");
        if (cert == null) {
            throw new IllegalStateException("tls mode: PEER_CERT must name the server's certificate (PEM)");
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(cert))) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    /** One GET /plaintext and its whole response (a Content-Length body). */
    private static void exchange(SSLSocket s, byte[] buf) throws IOException {
        s.getOutputStream().write(GET);
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        int have = 0;
        int headEnd = -1;
        int length = -1;
        while (headEnd < 0 || have < headEnd + length) {
            int r = in.read(buf, have, buf.length - have);
            if (r < 0) {
                throw new IOException("closed by the server");
            }
            have += r;
            if (headEnd < 0) {
                String seen = new String(buf, 0, have, StandardCharsets.ISO_8859_1);
                int end = seen.indexOf("\r\n\r\n");
                if (end >= 0) {
                    headEnd = end + 4;
                    length = ConnectionHolder.contentLength(seen.substring(0, end));
                }
            }
        }
        if (!new String(buf, 0, 12, StandardCharsets.ISO_8859_1).equals("HTTP/1.1 200")) {
            throw new IOException("not a 200");
        }
    }
}
