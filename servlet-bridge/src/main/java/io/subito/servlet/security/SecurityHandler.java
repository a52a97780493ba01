package io.subito.servlet.security;


import io.subito.servlet.registration.ServletHolder;
import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.response.Response;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.HttpMethodConstraintElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Security constraints and authentication for a context: BASIC, FORM and CLIENT-CERT login against a
 * {@link Realm}, programmatic login/logout, and constraints from web.xml or
 * {@code setServletSecurity}.
 */
public final class SecurityHandler {
    static final String SESSION_PRINCIPAL = "io.subito.servlet.security.PRINCIPAL";
    static final String SESSION_AUTH_TYPE = "io.subito.servlet.security.AUTH_TYPE";

    private final SecuredApp ctx;
    private final List<SecurityConstraint> constraints = new CopyOnWriteArrayList<>();
    private final List<ServletHolder> annotated = new ArrayList<>();
    private volatile boolean denyUncovered;
    private volatile LoginConfig loginConfig;
    private volatile Realm realm;
    private final FormAuthenticator form;
    private final ClientCertAuthenticator clientCert = new ClientCertAuthenticator(this);

    public SecurityHandler(SecuredApp ctx) {
        this.ctx = ctx;
        this.form = new FormAuthenticator(this);
    }

    public void setDenyUncoveredHttpMethods(boolean deny) {
        denyUncovered = deny;
    }

    public void addConstraint(SecurityConstraint c) {
        constraints.add(c);
    }

    public List<SecurityConstraint> constraints() {
        return List.copyOf(constraints);
    }

    public void setLoginConfig(LoginConfig config) {
        loginConfig = config;
    }

    public LoginConfig loginConfig() {
        return loginConfig;
    }

    public void setRealm(Realm r) {
        realm = r;
    }

    public Realm realm() {
        return realm;
    }

    SecuredApp context() {
        return ctx;
    }

    /** Remembers the element; returns the servlet's patterns already constrained by web.xml. */
    public Set<String> applyServletSecurity(ServletHolder holder, ServletSecurityElement element) {
        annotated.remove(holder);
        annotated.add(holder);
        Set<String> covered = explicitPatterns();
        Set<String> conflicts = new LinkedHashSet<>();
        for (String p : holder.getMappings()) {
            if (covered.contains(p)) {
                conflicts.add(p);
            }
        }
        return conflicts;
    }

    private Set<String> explicitPatterns() {
        Set<String> out = new HashSet<>();
        for (SecurityConstraint c : constraints) {
            for (WebResourceCollection col : c.collections()) {
                out.addAll(col.urlPatterns());
            }
        }
        return out;
    }

    /** Turns setServletSecurity / @ServletSecurity into constraints for patterns web.xml left alone. */
    public void start() throws ServletException {
        for (ServletHolder h : ctx.isMetadataComplete() ? List.<ServletHolder>of() : ctx.servletHolders().values()) {
            if (h.servletSecurity() == null && !annotated.contains(h)) {
                Class<?> type = servletClass(h);
                ServletSecurity ann = type == null ? null : type.getAnnotation(ServletSecurity.class);
                if (ann != null) {
                    h.setServletSecurityQuietly(new ServletSecurityElement(ann));
                }
            }
        }
        Set<String> covered = explicitPatterns();
        for (ServletHolder h : ctx.servletHolders().values()) {
            ServletSecurityElement e = h.servletSecurity();
            if (e == null) {
                continue;
            }
            List<String> patterns = new ArrayList<>();
            for (String p : h.getMappings()) {
                if (!covered.contains(p)) {
                    patterns.add(p);
                }
            }
            if (!patterns.isEmpty()) {
                constraints.addAll(fromElement(patterns, e));
            }
        }
        LoginConfig lc = loginConfig;
        if (lc != null && lc.authMethod() != null && !lc.authMethod().equals("BASIC") && !lc.authMethod().equals("FORM")
                && !ClientCertAuthenticator.isClientCert(lc)) {
            ctx.log("auth-method " + lc.authMethod() + " is not supported; requests needing it will be refused");
        }
    }

    private Class<?> servletClass(ServletHolder h) {
        try {
            return Class.forName(h.getClassName(), false, ctx.classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    static List<SecurityConstraint> fromElement(List<String> patterns, ServletSecurityElement e) {
        List<SecurityConstraint> out = new ArrayList<>();
        Set<String> methods = new HashSet<>();
        for (HttpMethodConstraintElement m : e.getHttpMethodConstraints()) {
            methods.add(m.getMethodName());
            out.add(toConstraint(new WebResourceCollection(null, patterns, Set.of(m.getMethodName()), null), m));
        }
        // a default of "permit all, no transport guarantee" constrains nothing: the other methods
        // stay uncovered (Servlet 6.1 section 13.4.1.3), so deny-uncovered-http-methods applies to them
        boolean trivial = e.getEmptyRoleSemantic() == ServletSecurity.EmptyRoleSemantic.PERMIT
                && e.getRolesAllowed().length == 0
                && e.getTransportGuarantee() == ServletSecurity.TransportGuarantee.NONE;
        if (!trivial) {
            out.add(toConstraint(new WebResourceCollection(null, patterns, null, methods), e));
        }
        return out;
    }

    private static SecurityConstraint toConstraint(WebResourceCollection col, HttpConstraintElement e) {
        boolean confidential = e.getTransportGuarantee() == ServletSecurity.TransportGuarantee.CONFIDENTIAL;
        if (e.getEmptyRoleSemantic() == ServletSecurity.EmptyRoleSemantic.DENY) {
            return new SecurityConstraint(List.of(col), true, Set.of(), confidential);
        }
        if (e.getRolesAllowed().length == 0) {
            return new SecurityConstraint(List.of(col), false, Set.of(), confidential);
        }
        return new SecurityConstraint(List.of(col), true, Set.of(e.getRolesAllowed()), confidential);
    }

    /**
     * Applies the constraints to a request. Returns true when it may proceed; otherwise the
     * response has been set (401 challenge, 403, or the FORM login page).
     */
    public boolean check(RequestState s, Request req, Response res, String path) throws IOException, ServletException {
        if (form.isLoginPost(s, path)) {
            form.login(s, req, res);
            return false;
        }
        if (constraints.isEmpty()) {
            restoreFromSession(s);
            return true;
        }
        ConstraintResolver.Requirement r = ConstraintResolver.resolve(constraints, path, s.head.method());
        restoreFromSession(s);
        if (r.uncovered()) {
            if (denyUncovered) {
                res.sendError(HttpServletResponse.SC_FORBIDDEN);
                return false;
            }
            return true;
        }
        if (r.denied()) {
            res.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        if (r.confidential() && !req.isSecure()) {
            int httpsPort = s.exchange.httpsPort();
            if (httpsPort <= 0) {
                // no HTTPS listener: a confidential resource cannot be served (Tomcat answers 403 without a redirect port)
                res.sendError(HttpServletResponse.SC_FORBIDDEN);
                return false;
            }
            // as Tomcat's redirectPort: the same URL on the HTTPS listener
            String query = req.getQueryString();
            res.sendRedirect("https://" + hostForUrl(req.getServerName()) + (httpsPort == 443 ? "" : ":" + httpsPort)
                    + req.getRequestURI() + (query == null ? "" : "?" + query));
            return false;
        }
        if (!r.authenticate()) {
            return true;
        }
        if (s.user == null && !authenticateFromRequest(s, req)) {
            challenge(s, req, res);
            return false;
        }
        if (!permitted(s, r.roles())) {
            res.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        return true;
    }

    /**
     * Why a dispatch from another application to {@code path} of this one is refused, or null when
     * this context's constraints let the request's user reach it. Constraints are otherwise checked
     * only on the request as the client sent it, which named the other application; and no login
     * can happen inside another application's request, so what would need one is refused.
     */
    public String crossContextRefusal(Principal user, String path, String method) {
        if (constraints.isEmpty()) {
            return null;
        }
        ConstraintResolver.Requirement r = ConstraintResolver.resolve(constraints, path, method);
        if (r.uncovered()) {
            return denyUncovered ? "the method " + method + " is not covered by its constraints" : null;
        }
        if (r.denied()) {
            return "its constraints deny access to everyone";
        }
        if (r.confidential()) {
            return "its constraints need a confidential connection";
        }
        if (!r.authenticate()) {
            return null;
        }
        if (user == null) {
            return "its constraints need an authenticated user";
        }
        return permitted(user, r.roles()) ? null : "its constraints need a role " + user.getName() + " does not have";
    }

    private boolean permitted(RequestState s, Set<String> roles) {
        return permitted(s.user, roles);
    }

    private boolean permitted(Principal user, Set<String> roles) {
        Realm rm = realm;
        for (String role : roles) {
            if (role.equals("**")) {
                return true;
            }
            if (role.equals("*")) {
                for (String declared : ctx.declaredRoles()) {
                    if (rm != null && rm.hasRole(user, declared)) {
                        return true;
                    }
                }
                continue;
            }
            if (rm != null && rm.hasRole(user, role)) {
                return true;
            }
        }
        return false;
    }

    /** A login kept in the session (FORM, or BASIC as Tomcat caches it) makes later requests authenticated. */
    private void restoreFromSession(RequestState s) {
        LoginConfig lc = loginConfig;
        // only an app with a login method keeps logins in sessions: the others never cost a
        // session load (a store round trip) here
        if (s.user != null || s.requestedSessionId == null || lc == null || lc.authMethod() == null) {
            return;
        }
        HttpSession session = ctx.sessions().session(s, false);
        if (session != null) {
            Object p = session.getAttribute(SESSION_PRINCIPAL);
            if (p instanceof Principal principal) {
                s.user = principal;
                s.authType = (String) session.getAttribute(SESSION_AUTH_TYPE);
            }
        }
    }

    /** CLIENT-CERT: the client certificate; else the Authorization header (BASIC). */
    private boolean authenticateFromRequest(RequestState s, Request req) {
        return ClientCertAuthenticator.isClientCert(loginConfig) ? clientCert.authenticate(s, req) : authenticateFromHeader(s);
    }

    private boolean authenticateFromHeader(RequestState s) {
        LoginConfig lc = loginConfig;
        if (lc != null && "FORM".equals(lc.authMethod())) {
            return false;
        }
        String h = s.head.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6) || realm == null) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        Principal p = realm.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
        if (p == null) {
            return false;
        }
        authenticated(s, p, "BASIC", false);
        return true;
    }

    /**
     * Every successful login ends here (BASIC, FORM, CLIENT-CERT, {@code login()}). A session the client had before authenticating gets a new id, so an id
     * planted by an attacker (session fixation) never becomes an authenticated one; a request
     * without a session gets none, as Tomcat. The session then carries the login: a FORM login is
     * restored from it on later requests (BASIC too, as Tomcat caches it), and a request of that
     * session whose credentials name the same user is not renumbered again.
     *
     * @param createSession whether to make a session to keep the login in (FORM needs one)
     */
    void authenticated(RequestState s, Principal p, String authType, boolean createSession) {
        s.user = p;
        s.authType = authType;
        HttpSession session = ctx.sessions().session(s, false);
        if (session != null) {
            if (holdsLogin(session, p, authType)) {
                return;
            }
            ctx.sessions().changeSessionId(s);
        } else if (!createSession) {
            return;
        }
        remember(s);
    }

    /** Whether the session already carries this user's login (renumbered when it was made). */
    private static boolean holdsLogin(HttpSession session, Principal p, String authType) {
        Object kept = session.getAttribute(SESSION_PRINCIPAL);
        return kept instanceof Principal k && k.getName().equals(p.getName())
                && Objects.equals(session.getAttribute(SESSION_AUTH_TYPE), authType);
    }

    private void challenge(RequestState s, Request req, Response res) throws IOException, ServletException {
        LoginConfig lc = loginConfig;
        if (lc != null && "FORM".equals(lc.authMethod())) {
            form.showLoginPage(s, req, res);
            return;
        }
        if (ClientCertAuthenticator.isClientCert(lc)) {
            res.sendError(HttpServletResponse.SC_UNAUTHORIZED); // no certificate a user has: nothing to ask for (Tomcat)
            return;
        }
        String realmName = lc == null || lc.realmName() == null ? "Subito" : lc.realmName();
        res.setHeader("WWW-Authenticate", "Basic realm=\"" + realmName + "\"");
        res.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }

    // ---- programmatic security ----

    public boolean isUserInRole(RequestState s, String role) {
        if (s.user == null || role == null) {
            return false;
        }
        if (s.match != null) {
            role = s.match.holder().roleLink(role);
        }
        if (role.equals("**") && !ctx.declaredRoles().contains("**")) {
            return true;
        }
        if (role.equals("*")) {
            return false;
        }
        Realm rm = realm;
        return rm != null && rm.hasRole(s.user, role);
    }

    public boolean authenticate(RequestState s, Request req, HttpServletResponse res)
            throws IOException, ServletException {
        if (s.user != null) {
            return true;
        }
        if (authenticateFromRequest(s, req)) {
            return true;
        }
        Response container = io.subito.servlet.response.Responses.unwrap(res);
        if (container == null) {
            throw new ServletException("authenticate needs the container's response");
        }
        challenge(s, req, container);
        return false;
    }

    public void login(RequestState s, String username, String password) throws ServletException {
        if (s.user != null) {
            throw new ServletException("already authenticated as " + s.user.getName());
        }
        Realm rm = realm;
        Principal p = rm == null ? null : rm.authenticate(username, password);
        if (p == null) {
            throw new ServletException("login failed for " + username);
        }
        LoginConfig lc = loginConfig;
        authenticated(s, p, lc == null ? null : lc.authMethod(), lc != null && "FORM".equals(lc.authMethod()));
    }

    private void remember(RequestState s) {
        HttpSession session = ctx.sessions().session(s, true);
        session.setAttribute(SESSION_PRINCIPAL, s.user);
        if (s.authType != null) {
            session.setAttribute(SESSION_AUTH_TYPE, s.authType);
        }
    }

    public void logout(RequestState s) {
        s.user = null;
        s.authType = null;
        HttpSession session = ctx.sessions().session(s, false);
        if (session != null) {
            session.removeAttribute(SESSION_PRINCIPAL);
            session.removeAttribute(SESSION_AUTH_TYPE);
        }
    }

    /** An IPv6 literal in a URL stands in brackets. */
    private static String hostForUrl(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
