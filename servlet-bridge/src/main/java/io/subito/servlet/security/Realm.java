package io.subito.servlet.security;

import java.security.Principal;

/** Where users, passwords and roles come from. */
public interface Realm {
    /** The user's principal when the password is right, else null. */
    Principal authenticate(String username, String password);

    boolean hasRole(Principal user, String role);
}
