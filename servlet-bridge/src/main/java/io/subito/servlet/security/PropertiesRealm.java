package io.subito.servlet.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** A realm from {@code user=password,role1,role2} lines (conf/users.properties). */
public final class PropertiesRealm implements Realm {
    private record User(String password, Set<String> roles) {
    }

    private record UserPrincipal(String getName) implements Principal, java.io.Serializable {
    }

    private final Map<String, User> users = new HashMap<>();
    /** CLIENT-CERT users (conf/cert-users.properties). */
    private CertificateUsers certificateUsers = new CertificateUsers();

    public static PropertiesRealm load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return of(p);
    }

    public static PropertiesRealm of(Properties p) {
        PropertiesRealm r = new PropertiesRealm();
        for (String name : p.stringPropertyNames()) {
            String[] bits = p.getProperty(name).split(",");
            java.util.Set<String> roles = new java.util.HashSet<>();
            for (int i = 1; i < bits.length; i++) {
                if (!bits[i].isBlank()) {
                    roles.add(bits[i].trim());
                }
            }
            r.users.put(name, new User(bits[0].trim(), Set.copyOf(roles)));
        }
        return r;
    }

    /** Adds a user (for embedded use and tests). */
    public PropertiesRealm user(String name, String password, String... roles) {
        users.put(name, new User(password, Set.of(roles)));
        return this;
    }

    @Override
    public Principal authenticate(String username, String password) {
        User u = username == null ? null : users.get(username);
        if (u == null || password == null) {
            return null;
        }
        // constant-time compare so timing does not reveal how much of the password matched
        boolean ok = MessageDigest.isEqual(u.password().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return ok ? new UserPrincipal(username) : null;
    }

    /** The CLIENT-CERT users: certificate subject to user name and roles. */
    public PropertiesRealm certificateUsers(CertificateUsers u) {
        certificateUsers = u;
        return this;
    }

    @Override
    public Principal authenticate(java.security.cert.X509Certificate[] chain) {
        String name = certificateUsers.userOf(chain);
        return name == null ? null : new UserPrincipal(name);
    }

    @Override
    public boolean hasRole(Principal user, String role) {
        if (user == null) {
            return false;
        }
        User u = users.get(user.getName());
        Set<String> certRoles = certificateUsers.rolesOf(user.getName());
        return u != null && u.roles().contains(role) || certRoles != null && certRoles.contains(role);
    }
}
