package io.subito.servlet.request;

import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import io.subito.servlet.lifecycle.AppScope;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;

/**
 * What a request and its response ask of the application serving them: the context's settings
 * and the services (sessions, security, async, dispatch) that live in packages above this one.
 */
public interface RequestContext extends AppScope {
    RequestLimits requestLimits();

    ResponseSettings responseSettings();

    /** The application's default request encoding, or null. */
    String requestCharacterEncoding();

    /** The application's default response encoding, or null. */
    String responseCharacterEncoding();

    /** The encoding mapped to a locale (the application's mappings, then the container's), or null. */
    String localeEncoding(Locale locale);

    String realPath(String path);

    /** A dispatcher for a context-relative path ("/..."), or null. */
    RequestDispatcher requestDispatcher(String path);

    /** Creates a component the container manages (an upgrade handler, a listener) with @PostConstruct run. */
    <T> T createInstance(Class<T> type) throws ServletException;

    // ---- sessions of this context ----

    HttpSession session(RequestState s, boolean create);

    String changeSessionId(RequestState s);

    boolean isSessionValid(String id);

    String encodeUrl(RequestState s, String url);

    // ---- security ----

    boolean isUserInRole(RequestState s, String role);

    boolean authenticate(RequestState s, Request request, HttpServletResponse response)
            throws IOException, ServletException;

    void login(RequestState s, String user, String password) throws ServletException;

    void logout(RequestState s) throws ServletException;

    // ---- async ----

    /** Starts (or restarts) the request's async life; answers the AsyncContext the application gets. */
    jakarta.servlet.AsyncContext startAsync(RequestState s, Request containerRequest, ServletRequest request,
                                            ServletResponse response, boolean original);
}
