package io.subito.servlet.request;

import io.subito.container.HttpExchange;
import io.subito.container.http.RequestHead;
import io.subito.servlet.mapping.Match;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.ServletInputStream;
import java.io.BufferedReader;
import java.nio.charset.Charset;
import java.security.Principal;
import java.util.List;
import java.util.Locale;

/**
 * Everything a request holds, pooled with the engine's exchange (per selector loop, not per
 * connection: whichever connection takes that exchange next reuses it). The application never
 * sees this object: it gets a {@link Request} facade that works only while it is this state's
 * {@link #facade} (its streams: while {@link #generation} is theirs), so a facade kept past its
 * request fails instead of showing the next request's data.
 */
public final class RequestState {
    public static final int INPUT_NONE = 0;
    public static final int INPUT_STREAM = 1;
    public static final int INPUT_READER = 2;

    public HttpExchange exchange;
    public RequestHead head;
    /** Whether the connection is TLS, asked of the exchange once per request (each attribute miss would ask). */
    public boolean secure;
    public int generation;
    public RequestContext context;
    /** The context the request was routed to; sessions belong to it (others share its id). */
    public RequestContext rootContext;
    public final Parameters params = new Parameters();
    public final Attributes attributes = new Attributes();

    // the current dispatch view; changed in place by forward/include/error/async dispatches
    public DispatcherType dispatcherType = DispatcherType.REQUEST;
    public Match match;
    public String contextPath;
    public String requestUri;
    public String queryString;
    public String servletPath;
    public String pathInfo;
    /**
     * True in an error dispatch and the dispatches nested in it: getMethod() answers GET there
     * (Servlet 6.1 section 10.9.2), so a doGet-only error page serves a POST's error; the
     * original method is in jakarta.servlet.error.method. The body is still read as the real
     * method's (form parameters of a POST stay readable).
     */
    public boolean methodIsGet;

    // encodings, body
    public String characterEncoding;
    public Charset charset;
    public int inputMode;
    public final ServletInput input = new ServletInput(this);
    /** What the application was given (bound to this generation), made on first request. */
    public ServletInputStream boundInput;
    public BufferedReader reader;

    // lazily parsed
    public Cookie[] cookies;
    public boolean cookiesParsed;
    public List<Locale> locales;

    /** Parsed multipart parts, once getParts() has run. */
    public java.util.Collection<jakarta.servlet.http.Part> parts;
    /** Why getParts() failed (an IOException or RuntimeException it threw), to throw it again. */
    public Exception partsFailure;

    // sessions
    public String requestedSessionId;
    public boolean sessionIdFromCookie;
    public boolean sessionIdFromUrl;
    public HttpSession session;

    // security
    public Principal user;
    public String authType;

    /** The request listeners' event, made when the request began, for its end too. */
    public jakarta.servlet.ServletRequestEvent requestEvent;
    public AsyncHook async;
    /**
     * A filter chain free for the next dispatch to reuse (kept across requests: it holds nothing
     * between them). A dispatch.ServletChain, typed by its interface: this package does not depend on dispatch.
     */
    public jakarta.servlet.FilterChain chain;
    /** Whether every filter and the servlet of the current chain support async. */
    public boolean asyncSupported;
    /** The request's facade (set by {@link Requests#facade}); a facade works only while it is this one. */
    public Request facade;
    /** The response facade the application was given with {@link #facade}; likewise the only one that works. */
    public jakarta.servlet.http.HttpServletResponse responseFacade;
    /** Where the application's statistics count this request (its start, its end); set by the host that routed it. */
    public io.subito.servlet.lifecycle.RequestCounters.Cell counts;
    /** Ends the request once its async life completed; set by the host that routed it. */
    public Runnable asyncCompletion;

    public void begin(HttpExchange ex) {
        exchange = ex;
        head = ex.request();
        secure = ex.isSecure();
        generation++;
        input.reset(ex.requestBody());
    }

    public void recycle() {
        generation++;
        params.recycle();
        attributes.recycle();
        dispatcherType = DispatcherType.REQUEST;
        match = null;
        contextPath = null;
        requestUri = null;
        queryString = null;
        servletPath = null;
        pathInfo = null;
        methodIsGet = false;
        characterEncoding = null;
        charset = null;
        inputMode = INPUT_NONE;
        boundInput = null;
        reader = null;
        cookies = null;
        cookiesParsed = false;
        locales = null;
        deleteParts();
        parts = null;
        partsFailure = null;
        requestedSessionId = null;
        sessionIdFromCookie = false;
        sessionIdFromUrl = false;
        session = null;
        user = null;
        authType = null;
        async = null;
        asyncSupported = false;
        facade = null;
        responseFacade = null;
        counts = null;
        secure = false;
        requestEvent = null;
        context = null;
        rootContext = null;
        exchange = null;
        head = null;
    }

    /** A finished request's multipart temp files go (the application may have moved them with Part.write). */
    private void deleteParts() {
        if (parts != null) {
            for (jakarta.servlet.http.Part p : parts) {
                try {
                    p.delete();
                } catch (java.io.IOException ignored) {
                    // left to the context's temp directory, removed when the context stops
                }
            }
        }
    }
}
