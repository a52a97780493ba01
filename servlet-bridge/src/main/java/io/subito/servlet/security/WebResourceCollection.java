package io.subito.servlet.security;

import java.util.List;
import java.util.Set;

/**
 * A web-resource-collection: URL patterns plus either the methods it covers, or the methods it
 * omits (both empty = every method).
 */
public record WebResourceCollection(String name, List<String> urlPatterns, Set<String> httpMethods,
                                    Set<String> httpMethodOmissions) {
    public WebResourceCollection {
        urlPatterns = List.copyOf(urlPatterns);
        httpMethods = httpMethods == null ? Set.of() : Set.copyOf(httpMethods);
        httpMethodOmissions = httpMethodOmissions == null ? Set.of() : Set.copyOf(httpMethodOmissions);
    }

    public boolean coversMethod(String method) {
        if (!httpMethods.isEmpty()) {
            return httpMethods.contains(method);
        }
        return !httpMethodOmissions.contains(method);
    }
}
