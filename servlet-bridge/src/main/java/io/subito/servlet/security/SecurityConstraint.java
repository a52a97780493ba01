package io.subito.servlet.security;

import java.util.List;
import java.util.Set;

/**
 * A security-constraint element. {@code authConstraint} false means no auth-constraint (access
 * is open); true with no roles means nobody may access; "*" means any declared role and "**"
 * any authenticated user. {@code confidential} is true for INTEGRAL/CONFIDENTIAL transport.
 */
public record SecurityConstraint(List<WebResourceCollection> collections, boolean authConstraint,
                                 Set<String> rolesAllowed, boolean confidential) {
    public SecurityConstraint {
        collections = List.copyOf(collections);
        rolesAllowed = rolesAllowed == null ? Set.of() : Set.copyOf(rolesAllowed);
    }
}
