package io.subito.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tomcat's naming of deployments, which users already know: {@code NAME.war} and the exploded
 * directory {@code NAME/} serve {@code /NAME}; {@code ROOT} serves the root context (the empty
 * path); a {@code #} stands for a {@code /}, so {@code a#b.war} serves {@code /a/b}.
 */
public final class ContextPaths {
    private ContextPaths() {
    }

    /** The base name of a deployable (file name without {@code .war}), or null when it is not one. */
    public static String deploymentName(Path p) {
        String file = p.getFileName().toString();
        if (file.startsWith(".")) {
            return null; // hidden files, editors' temporaries, our own staging directories
        }
        if (file.toLowerCase(java.util.Locale.ROOT).endsWith(".war")) {
            return Files.isDirectory(p) ? null : file.substring(0, file.length() - 4);
        }
        return Files.isDirectory(p) ? file : null;
    }

    /** The context path for a deployment name: "" for ROOT, otherwise "/" + name with # as /. */
    public static String contextPath(String name) {
        if (name.isEmpty() || name.equals("ROOT")) {
            return "";
        }
        return "/" + name.replace('#', '/');
    }

    /** The context path for a file or directory in webapps/, or null when it is not deployable. */
    public static String contextPathOf(Path p) {
        String name = deploymentName(p);
        return name == null ? null : contextPath(name);
    }
}
