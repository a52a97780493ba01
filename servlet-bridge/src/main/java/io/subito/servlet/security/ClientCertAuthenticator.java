package io.subito.servlet.security;

import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.security.cert.X509Certificate;

/**
 * CLIENT-CERT login (Servlet 6.1 section 13.6.4): the user is the one the realm maps the
 * client certificate to, the certificate the TLS handshake verified against
 * {@code tls.truststore} (so {@code tls.clientAuth} must be {@code want} or {@code need}). No
 * certificate, or one no user has, is answered 401, as Tomcat does; a user without the
 * constraint's role gets 403.
 */
final class ClientCertAuthenticator {
    static final String METHOD = "CLIENT-CERT";
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    private final SecurityHandler security;

    ClientCertAuthenticator(SecurityHandler security) {
        this.security = security;
    }

    static boolean isClientCert(LoginConfig lc) {
        return lc != null && METHOD.equals(lc.authMethod());
    }

    /** Logs in the certificate's user; false without a certificate or when the realm knows none for it. */
    boolean authenticate(RequestState s, Request req) {
        Realm realm = security.realm();
        if (realm == null || !(req.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain)) {
            return false;
        }
        Principal p = realm.authenticate(chain);
        if (p == null) {
            return false;
        }
        security.authenticated(s, p, HttpServletRequest.CLIENT_CERT_AUTH, false);
        return true;
    }
}
