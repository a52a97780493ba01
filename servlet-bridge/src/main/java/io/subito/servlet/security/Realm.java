package io.subito.servlet.security;

import java.security.Principal;

/** Where users, passwords and roles come from. */
public interface Realm {
    /** The user's principal when the password is right, else null. */
    Principal authenticate(String username, String password);

    boolean hasRole(Principal user, String role);

    /** CLIENT-CERT: the user a verified client certificate chain (the client's own first) belongs to, else null. */
    default Principal authenticate(java.security.cert.X509Certificate[] chain) {
        return null;
    }
}
