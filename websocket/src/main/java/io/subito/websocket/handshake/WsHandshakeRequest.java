package io.subito.websocket.handshake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The handshake request as the configurator sees it: a copy of the HTTP request's headers
 * (names case-insensitive), parameters (the query's and the path template's), URI, principal, roles and HTTP session, taken while the
 * request is in service (the servlet request is not used after the upgrade).
 */
public final class WsHandshakeRequest implements HandshakeRequest {
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> parameters;
    private final URI uri;
    private final String query;
    private final Principal principal;
    private final Object httpSession;
    private final HttpServletRequest request;
    private volatile boolean inService = true;

    /** {@code pathParams}: the endpoint template's variables, which the parameter map holds beside the query's (as Tomcat's). */
    public WsHandshakeRequest(HttpServletRequest req, Map<String, String> pathParams) {
        this.request = req;
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(req.getHeaderNames())) {
            h.put(name, Collections.unmodifiableList(new ArrayList<>(Collections.list(req.getHeaders(name)))));
        }
        this.headers = Collections.unmodifiableMap(h);
        Map<String, List<String>> p = new java.util.LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> p.put(k, List.of(v)));
        pathParams.forEach((k, v) -> p.put(k, List.of(v)));
        this.parameters = Collections.unmodifiableMap(p);
        this.query = req.getQueryString();
        String scheme = req.isSecure() ? "wss" : "ws";
        this.uri = URI.create(scheme + "://" + req.getServerName() + ":" + req.getServerPort() + req.getRequestURI()
                + (query == null ? "" : "?" + query));
        this.principal = req.getUserPrincipal();
        this.httpSession = req.getSession(false);
    }

    /** After the handshake the servlet request may be recycled: isUserInRole answers no more. */
    public void endOfService() {
        inService = false;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public boolean isUserInRole(String role) {
        return inService && request.isUserInRole(role);
    }

    @Override
    public Object getHttpSession() {
        return httpSession;
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        return parameters;
    }

    @Override
    public String getQueryString() {
        return query;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> headers(String name) {
        List<String> v = headers.get(name);
        return v == null ? List.of() : v;
    }
}
