package io.subito.deploy;

/**
 * The WAR cannot be read as a whole zip yet: most often it is still being copied. Unlike other
 * failures this one is expected to go away, so the watcher tries again when the file changes.
 */
public final class WarNotReadyException extends DeploymentException {
    private static final long serialVersionUID = 1L;

    public WarNotReadyException(String message, Throwable cause) {
        super(message, cause);
    }
}
