package io.subito.deploy;

/** A deployment that cannot go ahead; the message names the WAR (or directory) and the cause. */
public class DeploymentException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeploymentException(String message) {
        super(message);
    }

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
