package io.subito.servlet.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds what the constraints require for a path and method (Servlet 6.1 section 13.8.1): only
 * the best-matching URL pattern counts; constraints on it that cover the method combine.
 */
final class ConstraintResolver {
    /** What a request must satisfy. */
    record Requirement(boolean denied, boolean uncovered, boolean authenticate, Set<String> roles,
                       boolean confidential) {
        static final Requirement OPEN = new Requirement(false, false, false, Set.of(), false);
        static final Requirement UNCOVERED = new Requirement(false, true, false, Set.of(), false);
    }

    private ConstraintResolver() {
    }

    static Requirement resolve(List<SecurityConstraint> constraints, String path, String method) {
        String best = null;
        int bestRank = -1;
        for (SecurityConstraint c : constraints) {
            for (WebResourceCollection col : c.collections()) {
                for (String p : col.urlPatterns()) {
                    int rank = rank(p, path);
                    if (rank > bestRank) {
                        bestRank = rank;
                        best = p;
                    }
                }
            }
        }
        if (best == null) {
            return Requirement.OPEN;
        }
        List<SecurityConstraint> applicable = new ArrayList<>();
        for (SecurityConstraint c : constraints) {
            for (WebResourceCollection col : c.collections()) {
                if (col.urlPatterns().contains(best) && col.coversMethod(method)) {
                    applicable.add(c);
                    break;
                }
            }
        }
        if (applicable.isEmpty()) {
            return Requirement.UNCOVERED;
        }
        boolean open = false;
        boolean confidential = false;
        Set<String> roles = new HashSet<>();
        for (SecurityConstraint c : applicable) {
            confidential |= c.confidential();
            if (!c.authConstraint()) {
                open = true;
            } else if (c.rolesAllowed().isEmpty()) {
                return new Requirement(true, false, false, Set.of(), confidential);
            } else {
                roles.addAll(c.rolesAllowed());
            }
        }
        if (open) {
            return new Requirement(false, false, false, Set.of(), confidential);
        }
        return new Requirement(false, false, true, roles, confidential);
    }

    /** -1 when the pattern does not match; else higher for better matches (exact > longest prefix > extension > default). */
    private static int rank(String pattern, String path) {
        if (pattern.equals(path)) {
            return 3_000_000;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            if (path.equals(prefix) || path.startsWith(prefix + "/") || prefix.isEmpty()) {
                return 2_000_000 + prefix.length();
            }
            return -1;
        }
        if (pattern.startsWith("*.")) {
            int slash = path.lastIndexOf('/');
            int dot = path.lastIndexOf('.');
            return dot > slash && path.substring(dot + 1).equals(pattern.substring(2)) ? 1_000_000 : -1;
        }
        if (pattern.equals("/")) {
            return 0;
        }
        return -1;
    }
}
