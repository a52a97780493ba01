package io.subito.spring.boot;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.server.Cookie.SameSite;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;

/**
 * Spring Boot's {@link CookieSameSiteSupplier} beans: the first supplier that answers for a
 * cookie gives its {@code SameSite} attribute, unless the cookie has one of its own (as Tomcat's
 * cookie processor). A filter in front of the application gives it a response whose
 * {@code addCookie} asks the suppliers; the session cookie, which the server makes, is decided
 * once at start by its name.
 */
final class SameSiteCookies implements Filter {
    static final String NAME = "subitoSameSiteCookies";
    private static final String ATTRIBUTE = "SameSite";

    private final List<CookieSameSiteSupplier> suppliers;

    SameSiteCookies(List<? extends CookieSameSiteSupplier> suppliers) {
        this.suppliers = List.copyOf(suppliers);
    }

    /** The first answer of the suppliers for {@code cookie}; null when none answers. */
    SameSite sameSite(Cookie cookie) {
        for (CookieSameSiteSupplier s : suppliers) {
            SameSite v = s.getSameSite(cookie);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Gives the cookie the suppliers' SameSite when it has none ({@code OMITTED}: none is written). */
    void apply(Cookie cookie) {
        if (cookie.getAttribute(ATTRIBUTE) != null) {
            return;
        }
        SameSite v = sameSite(cookie);
        if (v != null && v.attributeValue() != null) {
            cookie.setAttribute(ATTRIBUTE, v.attributeValue());
        }
    }

    /** The session cookie as the suppliers see it by its name, unless server.servlet.session.cookie.same-site set it. */
    void applyToSessionCookie(SessionCookieConfig config) {
        if (config.getAttribute(ATTRIBUTE) != null) {
            return;
        }
        SameSite v = sameSite(new Cookie(config.getName() != null ? config.getName() : "JSESSIONID", ""));
        if (v != null && v.attributeValue() != null) {
            config.setAttribute(ATTRIBUTE, v.attributeValue());
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean wrap = response instanceof HttpServletResponse && !(response instanceof Response); // not twice on an error dispatch
        chain.doFilter(request, wrap ? new Response((HttpServletResponse) response) : response);
    }

    private final class Response extends HttpServletResponseWrapper {
        Response(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addCookie(Cookie cookie) {
            apply(cookie);
            super.addCookie(cookie);
        }
    }
}
