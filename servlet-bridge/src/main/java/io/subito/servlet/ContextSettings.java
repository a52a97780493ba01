package io.subito.servlet;

import io.subito.container.compress.CompressionSettings;
import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import io.subito.servlet.dispatch.ErrorDetails;
import java.util.Objects;

/**
 * What every request of one context reads of its configuration: the form, parameter and
 * multipart limits, byte ranges and redirects, response compression, the default character
 * encodings, and how much an error page shows. All but the error details are fixed once the
 * context starts (Servlet 6.1 section 4.4 for the encodings); deploying the context publishes
 * them to the request threads, so they need no lock. The error details may change at run time.
 */
final class ContextSettings {
    private final ContextLifecycle lifecycle;
    private RequestLimits requestLimits = RequestLimits.DEFAULTS;
    private ResponseSettings responseSettings = ResponseSettings.DEFAULTS;
    /** Off by default. */
    private CompressionSettings compression = CompressionSettings.DEFAULTS;
    private String requestEncoding;
    private String responseEncoding;
    private volatile ErrorDetails errorDetails = ErrorDetails.OFF;

    ContextSettings(ContextLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    void requestLimits(RequestLimits limits) {
        lifecycle.checkNotStarted();
        requestLimits = Objects.requireNonNull(limits, "limits");
    }

    RequestLimits requestLimits() {
        return requestLimits;
    }

    void responseSettings(ResponseSettings settings) {
        lifecycle.checkNotStarted();
        responseSettings = Objects.requireNonNull(settings, "settings");
    }

    ResponseSettings responseSettings() {
        return responseSettings;
    }

    void compression(CompressionSettings settings) {
        lifecycle.checkNotStarted();
        compression = Objects.requireNonNull(settings, "settings");
    }

    CompressionSettings compression() {
        return compression;
    }

    void requestEncoding(String encoding) {
        lifecycle.checkNotStarted();
        requestEncoding = encoding;
    }

    String requestEncoding() {
        return requestEncoding;
    }

    void responseEncoding(String encoding) {
        lifecycle.checkNotStarted();
        responseEncoding = encoding;
    }

    String responseEncoding() {
        return responseEncoding;
    }

    void errorDetails(ErrorDetails details) {
        errorDetails = Objects.requireNonNull(details, "details");
    }

    ErrorDetails errorDetails() {
        return errorDetails;
    }

    @Override
    public String toString() {
        return "ContextSettings[" + requestLimits + ", " + responseSettings + ", " + compression + ", request encoding "
                + requestEncoding + ", response encoding " + responseEncoding + ", " + errorDetails + "]";
    }
}
