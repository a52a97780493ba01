package io.subito.servlet.session;

import io.subito.container.HttpResponse;
import io.subito.container.guard.Guard;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.request.RequestState;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A context's sessions: SecureRandom ids, cookie and URL tracking, expiry both on access and by a
 * background sweep, and the session listeners.
 */
public final class SessionManager {
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "subito-session-sweeper");
        t.setDaemon(true);
        return t;
    });
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SWEEP = "the session sweeper";

    private final WebAppContext ctx;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final SessionCookieSettings cookie;
    private volatile int timeoutMinutes = 30;
    private volatile Set<SessionTrackingMode> modes = EnumSet.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL);
    private ScheduledFuture<?> sweep;

    public SessionManager(WebAppContext ctx) {
        this.ctx = ctx;
        this.cookie = new SessionCookieSettings(ctx);
    }

    WebAppContext context() {
        return ctx;
    }

    public SessionCookieConfig cookieConfig() {
        return cookie;
    }

    public int timeoutMinutes() {
        return timeoutMinutes;
    }

    public void setTimeoutMinutes(int minutes) {
        timeoutMinutes = minutes;
    }

    public void setTrackingModes(Set<SessionTrackingMode> m) {
        modes = m.isEmpty() ? EnumSet.noneOf(SessionTrackingMode.class) : EnumSet.copyOf(m);
    }

    public Set<SessionTrackingMode> trackingModes() {
        return Collections.unmodifiableSet(modes);
    }

    public synchronized void start() {
        // guarded: a periodic task that throws is cancelled for good, and sessions would stop expiring
        sweep = SWEEPER.scheduleWithFixedDelay(Guard.task(SWEEP, this::expireIdle), 5, 5, TimeUnit.SECONDS);
    }

    /** Stopping a context ends its sessions (there is no persistence), with their events. */
    public synchronized void stop() {
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
        for (Session s : new ArrayList<>(sessions.values())) {
            s.expire();
        }
    }

    void expireIdle() {
        long now = System.currentTimeMillis();
        for (Session s : sessions.values()) {
            if (s.isExpired(now)) {
                // a listener's Error is reported and the other sessions still expire (expire() removes this one regardless)
                Guard.run(SWEEP, Session::expire, s);
            }
        }
    }

    /** Reads the requested session id from the cookie, else from a ;jsessionid= path parameter. */
    public void identify(RequestState s) {
        boolean cookieMode = modes.contains(SessionTrackingMode.COOKIE);
        if (cookieMode && s.head.indexOf("Cookie", 0) >= 0) {
            String name = cookie.getName();
            jakarta.servlet.http.Cookie[] cookies = io.subito.servlet.request.CookieParser.parse(s.head);
            s.cookies = cookies;
            s.cookiesParsed = true;
            if (cookies != null) {
                String first = null;
                for (jakarta.servlet.http.Cookie c : cookies) {
                    if (c.getName().equals(name)) {
                        if (first == null) {
                            first = c.getValue();
                        }
                        if (find(c.getValue()) != null) {
                            first = c.getValue();
                            break;
                        }
                    }
                }
                if (first != null) {
                    s.requestedSessionId = first;
                    s.sessionIdFromCookie = true;
                    return;
                }
            }
        }
        if (modes.contains(SessionTrackingMode.URL)) {
            String raw = s.head.rawPath();
            if (raw != null && raw.indexOf(';') >= 0) {
                String id = pathParam(raw, uriParamName());
                if (id != null) {
                    s.requestedSessionId = id;
                    s.sessionIdFromUrl = true;
                }
            }
        }
    }

    private String uriParamName() {
        return cookie.getName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String pathParam(String raw, String name) {
        String key = ";" + name + "=";
        int i = raw.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = start;
        while (end < raw.length() && raw.charAt(end) != ';' && raw.charAt(end) != '/') {
            end++;
        }
        return raw.substring(start, end);
    }

    /** A live session by id, expiring it first if it is overdue. */
    Session find(String id) {
        if (id == null) {
            return null;
        }
        Session s = sessions.get(id);
        if (s == null) {
            return null;
        }
        if (s.isExpired(System.currentTimeMillis())) {
            s.expire();
            return null;
        }
        return s.isValidInternal() ? s : null;
    }

    public boolean isValid(String id) {
        return find(id) != null;
    }

    public HttpSession session(RequestState s, boolean create) {
        if (s.rootContext != null && s.rootContext != ctx) {
            return crossContextSession(s, create);
        }
        HttpSession current = s.session;
        if (current instanceof Session sess && sess.isValidInternal()) {
            return current;
        }
        release(s);
        Session found = find(s.requestedSessionId);
        if (found != null) {
            found.access();
            s.session = found;
            return found;
        }
        if (!create) {
            return null;
        }
        HttpResponse raw = s.exchange.response();
        if (raw.isCommitted() && modes.contains(SessionTrackingMode.COOKIE)) {
            throw new IllegalStateException("cannot create a session after the response has been committed");
        }
        Session created = new Session(this, newId(), timeoutMinutes * 60);
        sessions.put(created.getId(), created);
        s.session = created;
        addCookie(raw, created.getId());
        fireCreated(created);
        return created;
    }

    /**
     * A dispatch into another context: that context's session shares the id of the session of
     * the context the request came to, which is created first so its cookie is the one the
     * client keeps (Tomcat's cross-context rule).
     */
    private HttpSession crossContextSession(RequestState s, boolean create) {
        HttpSession root = s.rootContext.sessions().session(s, create);
        if (root == null) {
            return null;
        }
        Session local = find(root.getId());
        if (local == null && create) {
            local = new Session(this, root.getId(), timeoutMinutes * 60);
            local.notInUse(); // the root context's session carries the request
            Session raced = sessions.putIfAbsent(local.getId(), local);
            if (raced != null) {
                return raced;
            }
            fireCreated(local);
        }
        return local;
    }

    private void fireCreated(Session created) {
        List<HttpSessionListener> ls = ctx.listeners().session;
        if (!ls.isEmpty()) {
            HttpSessionEvent e = new HttpSessionEvent(created);
            for (HttpSessionListener l : ls) {
                l.sessionCreated(e);
            }
        }
    }

    public String changeSessionId(RequestState s) {
        HttpSession h = session(s, false);
        if (!(h instanceof Session sess)) {
            throw new IllegalStateException("the request has no session");
        }
        String old = sess.getId();
        String id = newId();
        sessions.remove(old);
        sess.id(id);
        sessions.put(id, sess);
        addCookie(s.exchange.response(), id);
        List<HttpSessionIdListener> ls = ctx.listeners().sessionId;
        if (!ls.isEmpty()) {
            HttpSessionEvent e = new HttpSessionEvent(sess);
            for (HttpSessionIdListener l : ls) {
                l.sessionIdChanged(e, old);
            }
        }
        return id;
    }

    private void addCookie(HttpResponse raw, String id) {
        if (modes.contains(SessionTrackingMode.COOKIE) && !raw.isCommitted()) {
            String prefix = cookie.getName() + "=";
            List<String> existing = raw.headers("Set-Cookie");
            raw.removeHeader("Set-Cookie");
            for (String v : existing) {
                if (!v.startsWith(prefix)) {
                    raw.addHeader("Set-Cookie", v);
                }
            }
            raw.addHeader("Set-Cookie", cookie.setCookie(id));
        }
    }

    /** Appends ;jsessionid=ID when URL tracking applies (session exists, not known from a cookie). */
    public String encodeUrl(RequestState s, String url) {
        if (url == null || !modes.contains(SessionTrackingMode.URL) || s.sessionIdFromCookie) {
            return url;
        }
        HttpSession h = s.session;
        if (!(h instanceof Session sess) || !sess.isValidInternal()) {
            return url;
        }
        if (!inContext(s, url)) {
            return url;
        }
        int cut = url.length();
        int q = url.indexOf('?');
        int f = url.indexOf('#');
        if (q >= 0) {
            cut = q;
        }
        if (f >= 0 && f < cut) {
            cut = f;
        }
        return url.substring(0, cut) + ";" + uriParamName() + "=" + sess.getId() + url.substring(cut);
    }

    private boolean inContext(RequestState s, String url) {
        if (url.startsWith("#")) {
            return false;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return true; // relative URLs stay on this server
        }
        String rest = url.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "/" : rest.substring(slash);
        String cp = ctx.getContextPath();
        return cp.isEmpty() || path.equals(cp) || path.startsWith(cp + "/");
    }

    public void requestDone(RequestState s) {
        release(s);
    }

    /** Ends the request's use of its current session (each access() is paired with one endAccess()). */
    private static void release(RequestState s) {
        if (s.session instanceof Session sess) {
            sess.endAccess();
        }
        s.session = null;
    }

    void fireDestroyed(Session s) {
        List<HttpSessionListener> ls = ctx.listeners().session;
        if (!ls.isEmpty()) {
            HttpSessionEvent e = new HttpSessionEvent(s);
            for (int i = ls.size() - 1; i >= 0; i--) {
                try {
                    ls.get(i).sessionDestroyed(e);
                } catch (RuntimeException ex) {
                    ctx.log("sessionDestroyed failed", ex);
                }
            }
        }
    }

    void remove(Session s) {
        sessions.remove(s.getId(), s);
    }

    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }
}
