package io.subito.servlet.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The users of CLIENT-CERT login: which certificate subject is which user, with which roles
 * ({@code conf/cert-users.properties}, beside {@code conf/users.properties}):
 *
 * <pre>
 * alice.subject = CN=alice,OU=Staff,O=Example
 * alice.roles = manager,staff
 * </pre>
 *
 * A subject matches as an X.500 name (RFC 2253 text, as {@code openssl x509 -noout -subject
 * -nameopt RFC2253} prints it; case and spaces between the parts do not matter). Only a
 * certificate the TLS handshake already verified against {@code tls.truststore} gets here.
 */
public final class CertificateUsers {
    private final Map<X500Principal, String> bySubject = new HashMap<>();
    private final Map<String, Set<String>> roles = new HashMap<>();

    /** @throws IllegalArgumentException naming the file and the key at fault */
    public static CertificateUsers load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        CertificateUsers u = new CertificateUsers();
        for (String key : p.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            String user = dot > 0 ? key.substring(0, dot) : null;
            String what = dot > 0 ? key.substring(dot + 1) : key;
            if (user == null || !what.equals("subject") && !what.equals("roles")) {
                throw new IllegalArgumentException(file + ": " + key + " is not USER.subject or USER.roles");
            }
            String subject = p.getProperty(user + ".subject");
            if (subject == null || subject.isBlank()) {
                throw new IllegalArgumentException(file + ": " + user + ".subject is missing (the certificate subject of " + user + ")");
            }
            if (what.equals("subject")) {
                try {
                    u.user(subject.trim(), user, roles(p.getProperty(user + ".roles")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": " + key + "=" + subject.trim() + " is not an X.500 name: " + e.getMessage());
                }
            }
        }
        return u;
    }

    private static String[] roles(String v) {
        return v == null ? new String[0] : java.util.Arrays.stream(v.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .toArray(String[]::new);
    }

    /** Adds a user: the certificate with subject {@code subjectDn} logs in as {@code name}. */
    public CertificateUsers user(String subjectDn, String name, String... userRoles) {
        X500Principal subject = new X500Principal(subjectDn);
        String before = bySubject.putIfAbsent(subject, name);
        if (before != null && !before.equals(name)) {
            throw new IllegalArgumentException("the subject " + subjectDn + " is given to both " + before + " and " + name);
        }
        roles.put(name, Set.of(userRoles));
        return this;
    }

    /** The user name of the chain's first (the client's own) certificate; null when no user has its subject. */
    String userOf(X509Certificate[] chain) {
        return chain == null || chain.length == 0 ? null : bySubject.get(chain[0].getSubjectX500Principal());
    }

    /** The roles of a certificate user; null when {@code name} is none. */
    Set<String> rolesOf(String name) {
        return roles.get(name);
    }
}
