package io.subito.servlet.response;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;

/**
 * The container's way into its response facades: {@link Response}'s own public methods are the
 * Servlet API only, so an application that casts its response finds nothing else.
 */
public final class Responses {
    private Responses() {
    }

    /**
     * A facade for the state's current response, which becomes the request state's
     * {@code responseFacade}; the application is given this object. A facade made before it
     * stops working (one per request).
     */
    public static Response facade(ResponseState s) {
        Response r = new Response(s);
        s.request.responseFacade = r;
        return r;
    }

    /** The container response under any number of wrappers, or null for a foreign implementation. */
    public static Response unwrap(ServletResponse r) {
        while (r != null) {
            if (r instanceof Response res) {
                return res;
            }
            if (r instanceof ServletResponseWrapper w) {
                r = w.getResponse();
            } else {
                return null;
            }
        }
        return null;
    }

    /** The pooled state behind a facade, after checking that its response is still the current one. */
    public static ResponseState state(Response r) {
        return r.state();
    }
}
