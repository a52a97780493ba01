package io.subito.servlet.request;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;

/**
 * The container's way into its request facades. {@link Request}'s own public methods are the
 * Servlet API only, so an application that casts its request finds nothing else; the container
 * reaches the state behind it from here.
 */
public final class Requests {
    private Requests() {
    }

    /**
     * A facade for the state's current request, which becomes {@link RequestState#facade}; the
     * application is given this object. A facade made before it stops working (one per request).
     */
    public static Request facade(RequestState s) {
        Request r = new Request(s);
        s.facade = r;
        return r;
    }

    /** The container request under any number of wrappers, or null for a foreign implementation. */
    public static Request unwrap(ServletRequest r) {
        while (r != null) {
            if (r instanceof Request req) {
                return req;
            }
            if (r instanceof ServletRequestWrapper w) {
                r = w.getRequest();
            } else {
                return null;
            }
        }
        return null;
    }

    /** The pooled state behind a facade, after checking that its request is still the current one. */
    public static RequestState state(Request r) {
        return r.state();
    }

    /** The state behind a request that wraps the container's, or null for a foreign implementation. */
    public static RequestState stateOf(ServletRequest r) {
        Request req = unwrap(r);
        return req == null ? null : req.state();
    }
}
