package io.subito.deploy.descriptor;

import java.nio.file.Path;

/**
 * A jar of {@code WEB-INF/lib}: every such jar is a fragment for ordering and scanning, with or
 * without a {@code META-INF/web-fragment.xml} ({@code descriptor} is null without one).
 */
public record Fragment(String jarName, Path jar, WebXml descriptor) {
    /** The {@code <name>} of its web-fragment.xml, or null. */
    public String name() {
        return descriptor == null ? null : descriptor.fragmentName;
    }

    public Ordering ordering() {
        return descriptor == null ? null : descriptor.ordering;
    }

    public boolean metadataComplete() {
        return descriptor != null && descriptor.metadataComplete;
    }
}
