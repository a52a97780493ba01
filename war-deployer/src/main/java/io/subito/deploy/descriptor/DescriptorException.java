package io.subito.deploy.descriptor;

/** A descriptor that cannot be used; the message names the file, and the line when known. */
public final class DescriptorException extends Exception {
    private static final long serialVersionUID = 1L;

    public DescriptorException(String message) {
        super(message);
    }

    public DescriptorException(String message, Throwable cause) {
        super(message, cause);
    }
}
