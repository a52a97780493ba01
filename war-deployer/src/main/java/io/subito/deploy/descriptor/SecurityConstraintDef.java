package io.subito.deploy.descriptor;

import java.util.List;

/**
 * A {@code <security-constraint>} of a descriptor. {@code roles == null} means no
 * {@code <auth-constraint>} (no authentication needed); an empty list means one without roles
 * (nobody may access).
 */
public record SecurityConstraintDef(List<Collection> collections, List<String> roles, String transportGuarantee) {
    /** A {@code <web-resource-collection>}: methods and omissions are mutually exclusive. */
    public record Collection(String name, List<String> urlPatterns, List<String> methods, List<String> omittedMethods) {
    }
}
