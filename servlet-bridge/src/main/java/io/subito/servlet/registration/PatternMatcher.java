package io.subito.servlet.registration;

/** The URL-pattern rules of Servlet 6.1 section 12.2, for filter mappings and validation. */
public final class PatternMatcher {
    private PatternMatcher() {
    }

    /**
     * Patterns as old web.xml files write them: "foo/bar" (no leading slash, Servlet 2.2) gets
     * its slash, as Tomcat does. Null patterns are refused.
     */
    public static String[] lenient(String[] patterns) {
        String[] out = patterns.clone();
        for (int i = 0; i < out.length; i++) {
            String p = out[i];
            if (p == null) {
                throw new IllegalArgumentException("null URL pattern");
            }
            if (!p.isEmpty() && !p.startsWith("/") && !p.startsWith("*.")) {
                out[i] = "/" + p;
            }
        }
        return out;
    }

    /**
     * Tomcat's rule: an extension pattern without '/', or any pattern starting with '/' that has
     * no "*." in it. A '*' other than a trailing "/*" is then a literal character of an exact
     * match ("/On*" in the TCK's secform descriptor), not a wildcard.
     */
    public static boolean isValid(String p) {
        if (p.isEmpty() || p.equals("/")) {
            return true;
        }
        if (p.startsWith("*.")) {
            return p.indexOf('/') < 0 && p.length() > 2;
        }
        return p.startsWith("/") && !p.contains("*.");
    }

    /** Whether a filter pattern matches a path within the context (Tomcat's rules). */
    public static boolean matches(String pattern, String path) {
        if (pattern.equals("/*") || pattern.equals(path)) {
            return true;
        }
        if (pattern.isEmpty()) {
            return path.equals("/");
        }
        if (pattern.endsWith("/*")) {
            int n = pattern.length() - 2;
            return path.regionMatches(0, pattern, 0, n) && (path.length() == n || path.charAt(n) == '/');
        }
        if (pattern.startsWith("*.")) {
            int slash = path.lastIndexOf('/');
            int dot = path.lastIndexOf('.');
            return dot > slash && path.regionMatches(dot + 1, pattern, 2, pattern.length() - 2)
                    && path.length() - dot - 1 == pattern.length() - 2;
        }
        return false;
    }
}
