package io.subito.container.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reloads the HTTPS listener's certificates when their files change, without a restart: new
 * handshakes get the new certificate, open connections keep the one they have. A new file that
 * does not load (half written, wrong password, a key that does not match) leaves the current
 * certificate in use, and the log says why; the next change is tried again. Checked by the
 * modification times and sizes of every file the settings name, every
 * {@code tls.reloadCheckMillis}.
 */
public final class CertificateReloader {
    private static final System.Logger LOG = System.getLogger(CertificateReloader.class.getName());

    private final ServerTls tls;
    private final List<Path> files;
    private List<Object> stamps;

    public CertificateReloader(ServerTls tls) {
        this.tls = tls;
        this.files = files(tls.settings());
        this.stamps = stamps();
    }

    private static List<Path> files(TlsSettings s) {
        List<Path> f = new ArrayList<>();
        List<TlsSettings.Credentials> all = new ArrayList<>(s.sniCredentials().values());
        all.add(s.main());
        for (TlsSettings.Credentials c : all) {
            for (Path p : new Path[] {c.certificate(), c.key(), c.keystore()}) {
                if (p != null) {
                    f.add(p);
                }
            }
        }
        if (s.truststore() != null) {
            f.add(s.truststore());
        }
        return f;
    }

    private List<Object> stamps() {
        List<Object> st = new ArrayList<>();
        for (Path p : files) {
            try {
                FileTime t = Files.getLastModifiedTime(p);
                st.add(t.toMillis() + ":" + Files.size(p));
            } catch (IOException e) {
                st.add("missing");
            }
        }
        return st;
    }

    /** Loads the files again if any changed since the last check; true when new certificates are in use. */
    public boolean check() {
        List<Object> now = stamps();
        if (Objects.equals(now, stamps)) {
            return false;
        }
        stamps = now;
        try {
            tls.reloadFrom(ServerTls.create(tls.settings()));
            LOG.log(System.Logger.Level.INFO, "TLS certificates reloaded: new handshakes use them");
            return true;
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "TLS certificates changed but do not load, keeping the current ones: " + e.getMessage());
            return false;
        }
    }
}
