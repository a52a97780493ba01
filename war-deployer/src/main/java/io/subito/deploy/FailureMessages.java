package io.subito.deploy;

/**
 * One-line causes for the log: the innermost exception (where the app actually failed), plus a
 * hint for the mistakes users make most.
 */
final class FailureMessages {
    private FailureMessages() {
    }

    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == t ? String.valueOf(t) : t.getMessage() + ", caused by " + root;
        return text + hint(text);
    }

    private static String hint(String text) {
        if (text.contains("javax/servlet") || text.contains("javax.servlet")) {
            return " (this app is built for javax.servlet, Servlet 4 or older: Subito runs jakarta.servlet apps;"
                    + " migrate it, e.g. with Apache Tomcat's jakartaee-migration tool)";
        }
        if (text.contains("UnsupportedClassVersionError")) {
            return " (the app was compiled for a newer Java than the one running Subito)";
        }
        return "";
    }
}
