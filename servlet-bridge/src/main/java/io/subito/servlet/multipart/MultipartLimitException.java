package io.subito.servlet.multipart;

/**
 * A multipart body went past one of its limits (part count, part header size, body or part
 * size). It is the {@link IllegalStateException} the Servlet API names for getParts(), and when
 * the application lets it escape the request is answered 413 (Content Too Large). The message
 * names the setting to raise.
 */
public final class MultipartLimitException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** HTTP 413 Content Too Large. */
    public static final int STATUS = 413;

    private final String setting;

    MultipartLimitException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The configuration key or {@code @MultipartConfig} element whose limit was reached. */
    public String setting() {
        return setting;
    }

    public int status() {
        return STATUS;
    }
}
