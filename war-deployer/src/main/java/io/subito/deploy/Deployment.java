package io.subito.deploy;

import io.subito.servlet.WebAppContext;
import java.nio.file.Path;

/**
 * One running webapp: where it came from ({@code webapps/x.war} or {@code webapps/x/}), the
 * directory it runs from, its context and its loader. {@code unpacked} says the directory is
 * ours (under {@code work/}) to delete on undeploy.
 */
public record Deployment(Path source, String contextPath, Path dir, boolean unpacked, WebAppContext context,
        WebAppClassLoader loader) {

    public String name() {
        return source.getFileName().toString();
    }
}
