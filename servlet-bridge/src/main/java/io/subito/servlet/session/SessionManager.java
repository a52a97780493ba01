package io.subito.servlet.session;

import io.subito.container.HttpResponse;
import io.subito.container.guard.Guard;
import io.subito.servlet.lifecycle.AppScope;
import io.subito.servlet.request.RequestState;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import io.subito.servlet.session.store.MemoryStore;
import io.subito.servlet.session.store.SessionIds;
import io.subito.servlet.session.store.SessionStore;
import io.subito.servlet.session.store.SessionStoreException;
import io.subito.servlet.session.store.SessionStoreSettings;
import io.subito.servlet.session.store.SessionStores;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A context's sessions: SecureRandom ids, cookie and URL tracking, expiry both on access and by a
 * background sweep, and the session listeners. Where sessions live beyond a request is the
 * {@link SessionStore}'s business: a local store (memory, file) leaves them in {@link #sessions}
 * and {@link Persistence} writes them out at stop and reads them back; with a shared store
 * (jdbc, redis) {@link SharedSessions} loads each request's session and saves what it changed.
 */
public final class SessionManager {
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "subito-session-sweeper");
        t.setDaemon(true);
        return t;
    });
    private static final String SWEEP = "the session sweeper";

    /** How often expired sessions are looked for (in memory, or claimed from a shared store). */
    public static final String SWEEP_MILLIS = "sessionStore.sweepMillis";

    private final AppScope ctx;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    /** Made once: asked per request only when it names its session by several cookies. */
    private final java.util.function.Predicate<String> isLive = id -> find(id) != null;
    private final SessionCookieSettings cookie;
    private volatile int timeoutMinutes = 30;
    private volatile Set<SessionTrackingMode> modes = EnumSet.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL);
    private ScheduledFuture<?> sweep;
    private volatile SessionStoreSettings storeSettings;
    /** Opened at start, closed at stop; memory until then. */
    private volatile SessionStore store = new MemoryStore();
    private volatile SharedSessions shared;
    private Persistence persistence;

    public SessionManager(AppScope ctx) {
        this.ctx = ctx;
        this.cookie = new SessionCookieSettings(ctx);
    }

    AppScope context() {
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

    /**
     * Where the sessions are kept ({@code sessionStore=...} and its keys); memory when never
     * called. Takes effect at {@link #start()}.
     */
    public void configureStore(SessionStoreSettings settings) {
        storeSettings = settings;
    }

    /** The store in use (memory before start). */
    public SessionStore store() {
        return store;
    }

    /**
     * Opens the store; a local one gives back the sessions it kept (one whose classes changed
     * incompatibly is dropped with a log line).
     *
     * @throws IllegalArgumentException for a store setting that is wrong, naming the key
     */
    public synchronized void start() {
        SessionStoreSettings conf = storeSettings != null ? storeSettings
                : SessionStoreSettings.memory(ctx.contextPath());
        SessionCodec codec = new SessionCodec(ctx.classLoader(), conf.maxBytes(), conf.get(SessionStoreSettings.FILTER, null));
        long sweepMillis = conf.number(SWEEP_MILLIS, 5000, 100, 3_600_000);
        store = SessionStores.open(conf);
        if (store.shared()) {
            shared = new SharedSessions(this, store, codec, conf.maxBytes());
            // guarded, as below: a periodic task that throws is cancelled for good, and sessions would stop expiring
            sweep = SWEEPER.scheduleWithFixedDelay(Guard.task(SWEEP, shared::claimExpired), sweepMillis, sweepMillis,
                    TimeUnit.MILLISECONDS);
            return;
        }
        persistence = new Persistence(this, store, codec);
        if (store.serializes()) {
            persistence.restore();
        }
        sweep = SWEEPER.scheduleWithFixedDelay(Guard.task(SWEEP, this::expireIdle), sweepMillis, sweepMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Stopping a context ends its sessions with their events, unless its store keeps them: then
     * they are written out (file), or simply left in the shared store (jdbc, redis).
     */
    public synchronized void stop() {
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
        try {
            if (persistence != null && store.serializes()) {
                persistence.persist(new ArrayList<>(sessions.values()));
            }
            for (Session s : new ArrayList<>(sessions.values())) {
                s.expire();
            }
        } finally {
            store.close();
        }
    }

    boolean sharedStore() {
        return shared != null;
    }

    /** A session of an application whose sessions leave the JVM may only hold what can be serialized. */
    void checkStorable(String name, Object value) {
        if (value instanceof Serializable || !(store.serializes() || ctx.isDistributable())) {
            return;
        }
        throw new IllegalArgumentException("session attribute " + name + ": " + value.getClass().getName()
                + " is not Serializable, and this application's sessions "
                + (store.serializes() ? "are kept by the " + storeSettings.store() + " session store"
                        : "are distributable (web.xml <distributable/>)"));
    }

    /** Takes a session back from the store without its expiry events (written out, not ended). */
    void forget(Session s) {
        sessions.remove(s.getId(), s);
    }

    /** A session read back by {@link Persistence}: live from now on. */
    void adopt(Session s) {
        sessions.putIfAbsent(s.getId(), s);
    }

    void expireIdle() {
        long now = System.currentTimeMillis();
        for (Session s : sessions.values()) {
            if (s.isExpired(now)) {
                ctx.stats().sessionExpired();
                // a listener's Error is reported and the other sessions still expire (expire() removes this one regardless)
                Guard.run(SWEEP, Session::expire, s);
            }
        }
    }

    /**
     * Reads the requested session id from the cookie, else from a ;jsessionid= path parameter,
     * and marks that session accessed: Servlet 6.1 section 7.6 counts a session as accessed
     * when a request of it is first handled, whether or not the application asks for it. With a
     * shared store (jdbc, redis) that would cost a round trip per request, so there the session
     * is loaded, and accessed, only when the application or the login asks for it.
     */
    public void identify(RequestState s) {
        findRequestedId(s);
        if (shared == null && s.requestedSessionId != null) {
            session(s, false);
        }
    }

    private void findRequestedId(RequestState s) {
        boolean cookieMode = modes.contains(SessionTrackingMode.COOKIE);
        if (cookieMode && s.head.indexOf("Cookie", 0) >= 0) {
            String name = cookie.getName();
            jakarta.servlet.http.Cookie[] cookies = io.subito.servlet.request.CookieParser.parse(s.head);
            s.cookies = cookies;
            s.cookiesParsed = true;
            String first = cookies == null ? null : RequestedIds.fromCookies(cookies, name, isLive);
            if (first != null) {
                s.requestedSessionId = first;
                s.sessionIdFromCookie = true;
                return;
            }
        }
        if (modes.contains(SessionTrackingMode.URL)) {
            String raw = s.head.rawPath();
            if (raw != null && raw.indexOf(';') >= 0) {
                String id = RequestedIds.fromPathParameter(raw, uriParamName());
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

    /**
     * A live session by id, expiring it first if it is overdue. An id that is not of our shape
     * is never looked up.
     *
     * @throws SessionStoreException when the store cannot be reached
     */
    Session find(String id) {
        if (!SessionIds.isWellFormed(id)) {
            return null;
        }
        if (shared != null) {
            return shared.load(id);
        }
        Session s = sessions.get(id);
        if (s == null) {
            return store.serializes() ? persistence.take(id) : null;
        }
        if (s.isExpired(System.currentTimeMillis())) {
            ctx.stats().sessionExpired();
            s.expire();
            return null;
        }
        return s.isValidInternal() ? s : null;
    }

    /** Sessions live in this JVM now; -1 with a shared store (jdbc, redis), which holds them elsewhere. */
    public int activeSessions() {
        return shared != null ? -1 : sessions.size();
    }

    public boolean isValid(String id) {
        return find(id) != null;
    }

    /**
     * The request's session, loading it if needed.
     *
     * @throws SessionStoreException (a RuntimeException) when the store cannot be reached: the
     *     request is answered 503
     */
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
        if (shared == null) {
            sessions.put(created.getId(), created);
        }
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
        HttpSession root = s.rootContext.session(s, create);
        if (root == null) {
            return null;
        }
        Session local = find(root.getId());
        if (local == null && create) {
            local = new Session(this, root.getId(), timeoutMinutes * 60);
            local.notInUse(); // the root context's session carries the request
            if (shared != null) {
                shared.save(local); // nobody releases it: kept as created
                fireCreated(local);
                return local;
            }
            Session raced = sessions.putIfAbsent(local.getId(), local);
            if (raced != null) {
                return raced;
            }
            fireCreated(local);
        }
        return local;
    }

    private void fireCreated(Session created) {
        ctx.stats().sessionCreated();
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
        if (shared != null) {
            shared.changeId(sess, id);
        } else {
            sessions.remove(old);
            sess.id(id);
            sessions.put(id, sess);
        }
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
        String cp = ctx.contextPath();
        return cp.isEmpty() || path.equals(cp) || path.startsWith(cp + "/");
    }

    /**
     * Ends the request's use of its session; with a shared store, writes what it changed. When
     * that fails and the response is not yet sent, it becomes a 503.
     */
    public void requestDone(RequestState s) {
        try {
            release(s);
        } catch (SessionStoreException e) {
            ctx.log("session not saved, the session store failed: " + e.getMessage());
            HttpResponse raw = s.exchange.response();
            if (!raw.isCommitted()) {
                raw.reset();
                raw.status(503);
                raw.setHeader("Content-Type", "text/plain;charset=utf-8");
                raw.setHeader("Retry-After", "5");
                try {
                    raw.output().write("503 Service Unavailable: the session store cannot be reached\n"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException ignored) {
                    // the connection is gone; nothing to tell
                }
            }
        }
    }

    /** Ends the request's use of its current session (each access() is paired with one endAccess()). */
    private static void release(RequestState s) {
        HttpSession h = s.session;
        s.session = null;
        if (h instanceof Session sess) {
            sess.manager().released(sess);
        }
    }

    /** One use of the session ended; a shared store is told what changed. */
    void released(Session s) {
        s.endAccess();
        if (shared != null && s.isValidInternal()) {
            shared.save(s);
        }
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
        if (shared != null) {
            shared.delete(s);
            return;
        }
        sessions.remove(s.getId(), s);
    }

    private static String newId() {
        return SessionIds.next();
    }
}
