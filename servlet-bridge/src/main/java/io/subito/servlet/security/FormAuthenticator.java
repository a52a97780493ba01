package io.subito.servlet.security;

import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.response.Response;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;

/**
 * FORM login (Servlet 6.1 section 13.6.3): the protected request is remembered in the session,
 * the login page is shown by forward, j_security_check authenticates and redirects back.
 */
final class FormAuthenticator {
    private static final String SAVED_URI = "io.subito.servlet.security.SAVED_URI";

    private final SecurityHandler security;

    FormAuthenticator(SecurityHandler security) {
        this.security = security;
    }

    boolean isLoginPost(RequestState s, String path) {
        LoginConfig lc = security.loginConfig();
        return lc != null && "FORM".equals(lc.authMethod()) && path.endsWith("/j_security_check")
                && s.head.isMethod("POST");
    }

    void showLoginPage(RequestState s, Request req, Response res) throws IOException, ServletException {
        LoginConfig lc = security.loginConfig();
        HttpSession session = security.context().sessions().session(s, true);
        String q = s.head.query();
        session.setAttribute(SAVED_URI, s.requestUri + (q == null ? "" : "?" + q));
        forward(lc.formLoginPage(), req, res);
    }

    void login(RequestState s, Request req, Response res) throws IOException, ServletException {
        LoginConfig lc = security.loginConfig();
        Realm realm = security.realm();
        Principal p = realm == null ? null
                : realm.authenticate(req.getParameter("j_username"), req.getParameter("j_password"));
        if (p == null) {
            forward(lc.formErrorPage(), req, res);
            return;
        }
        HttpSession session = security.context().sessions().session(s, true);
        Object saved = session.getAttribute(SAVED_URI);
        session.removeAttribute(SAVED_URI);
        security.authenticated(s, p, "FORM", true); // the session gets a new id
        String target = saved instanceof String uri ? uri : s.contextPath + "/";
        // 303 See Other is HTTP/1.1's; an HTTP/1.0 client knows only 302 (Tomcat does the same)
        res.sendRedirect(target, "HTTP/1.0".equals(req.getProtocol()) ? 302 : 303, true);
    }

    private void forward(String page, Request req, Response res) throws IOException, ServletException {
        RequestDispatcher rd = page == null ? null : security.context().servletContext().getRequestDispatcher(page);
        if (rd == null) {
            res.sendError(403);
            return;
        }
        rd.forward(req, res);
    }
}
