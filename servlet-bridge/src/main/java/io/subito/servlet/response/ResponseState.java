package io.subito.servlet.response;

import io.subito.container.HttpResponse;
import io.subito.servlet.request.RequestState;
import jakarta.servlet.ServletOutputStream;
import java.util.Locale;

/** Everything a response holds, pooled with the engine's exchange (per selector loop) next to its {@link RequestState}. */
public final class ResponseState {
    public static final int OUTPUT_NONE = 0;
    public static final int OUTPUT_STREAM = 1;
    public static final int OUTPUT_WRITER = 2;

    public final RequestState request;
    public HttpResponse raw;
    public int generation;

    /** Media type and parameters other than charset, as the application gave them. */
    public String contentType;
    public String charset;
    public boolean charsetExplicit;
    final ContentTypeMemo contentTypes = new ContentTypeMemo();
    public Locale locale;
    public int outputMode;
    public final ServletOutput output = new ServletOutput(this);
    public final EncodingWriter sink = new EncodingWriter(output);
    /** What the application was given (bound to this generation), made on first request. */
    public ServletOutputStream boundOutput;
    public ResponseWriter writer;

    /** >0 while an include runs: the included servlet may not change status or headers. */
    public int includeDepth;
    /** Set by sendError: the error page (or default report) is produced when the request ends. */
    public boolean errorPending;
    public int errorStatus;
    public String errorMessage;
    /** After sendError/sendRedirect: further output is dropped, as the spec requires. */
    public boolean suspended;
    public long contentLength = -1;

    public ResponseState(RequestState request) {
        this.request = request;
    }

    public void begin(HttpResponse r) {
        raw = r;
        generation = request.generation;
        output.begin(r.output());
    }

    public void recycle() {
        raw = null;
        contentType = null;
        charset = null;
        charsetExplicit = false;
        locale = null;
        outputMode = OUTPUT_NONE;
        includeDepth = 0;
        errorPending = false;
        errorStatus = 0;
        errorMessage = null;
        suspended = false;
        contentLength = -1;
        sink.reset();
        boundOutput = null;
        writer = null;
    }
}
