package io.subito.servlet.response;

/**
 * What the connection's last {@code setContentType} argument parsed to, and the last header
 * value built from a type and charset. Applications pass the same literal on every request,
 * so comparing by identity spares the parsing, the substrings and the concatenation, and the
 * header value stays the same String (which lets the engine reuse its encoded head).
 * Per connection, like the rest of {@link ResponseState}; kept across requests on purpose:
 * it holds only strings the application itself passed or that were derived from them.
 */
final class ContentTypeMemo {
    private String argument;
    private String argumentType;
    private String argumentCharset;
    private String headerType;
    private String headerCharset;
    private String headerValue;

    boolean knows(String type) {
        return type == argument && type != null;
    }

    String type() {
        return argumentType;
    }

    String charset() {
        return argumentCharset;
    }

    void parsed(String argument, String type, String charset) {
        this.argument = argument;
        this.argumentType = type;
        this.argumentCharset = charset;
    }

    /** The Content-Type header value for a type and charset (null charset: the type alone). */
    String headerValue(String type, String charset) {
        if (charset == null) {
            return type;
        }
        if (type != headerType || charset != headerCharset) {
            headerType = type;
            headerCharset = charset;
            headerValue = type + ";charset=" + charset;
        }
        return headerValue;
    }
}
