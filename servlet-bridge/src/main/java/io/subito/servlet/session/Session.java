package io.subito.servlet.session;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.subito.servlet.session.store.SessionRecord;

/** One HTTP session. Thread-safe: attributes are concurrent, state fields volatile. */
public final class Session implements HttpSession {
    private final SessionManager manager;
    private volatile String id;
    private final long creationTime;
    private volatile long lastAccessedTime;
    private volatile long thisAccessedTime;
    private volatile int maxInactiveSeconds;
    private volatile boolean isNew = true;
    private volatile boolean valid = true;
    private volatile boolean invalidating;
    /**
     * Requests currently using the session: it does not expire under them (as Tomcat). Starts
     * at 1 for the request that creates it.
     */
    private final java.util.concurrent.atomic.AtomicInteger inUse = new java.util.concurrent.atomic.AtomicInteger(1);
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    /** With a shared store: what this request read and changed, written back when it ends; else null. */
    private final ChangeLog changes;

    Session(SessionManager manager, String id, int maxInactiveSeconds) {
        this.manager = manager;
        this.id = id;
        this.creationTime = System.currentTimeMillis();
        this.lastAccessedTime = creationTime;
        this.thisAccessedTime = creationTime;
        this.maxInactiveSeconds = maxInactiveSeconds;
        this.changes = manager.sharedStore() ? new ChangeLog(true, Map.of()) : null;
    }

    /**
     * A session read back from a store, its attributes already deserialized: for a shared store
     * held by the request that loaded it, otherwise by nobody.
     */
    Session(SessionManager manager, SessionRecord r, Map<String, Object> values) {
        this.manager = manager;
        this.id = r.id();
        this.creationTime = r.creationTime();
        this.lastAccessedTime = r.lastAccessedTime();
        this.thisAccessedTime = r.lastAccessedTime();
        this.maxInactiveSeconds = r.maxInactiveSeconds();
        this.isNew = false;
        this.attributes.putAll(values);
        this.changes = manager.sharedStore() ? new ChangeLog(false, r.attributes()) : null;
        if (changes == null) {
            inUse.set(0);
        }
    }

    void id(String newId) {
        id = newId;
    }

    /** Marks a request's use of the session; lastAccessedTime is the start of the previous one. */
    void access() {
        inUse.incrementAndGet();
        lastAccessedTime = thisAccessedTime;
        thisAccessedTime = System.currentTimeMillis();
    }

    /** For sessions made outside a request's own context: nobody holds them in use. */
    void notInUse() {
        inUse.decrementAndGet();
    }

    /** Ends one request's use; the idle clock restarts from here. */
    void endAccess() {
        isNew = false;
        thisAccessedTime = System.currentTimeMillis();
        inUse.decrementAndGet();
    }

    long creationTimeInternal() {
        return creationTime;
    }

    /** When this (or the latest) request using the session started or ended. */
    long accessedTime() {
        return thisAccessedTime;
    }

    Map<String, Object> attributeMap() {
        return attributes;
    }

    ChangeLog changes() {
        return changes;
    }

    SessionManager manager() {
        return manager;
    }

    boolean isValidInternal() {
        return valid && !invalidating;
    }

    boolean isExpired(long now) {
        int max = maxInactiveSeconds;
        return max > 0 && inUse.get() <= 0 && now - thisAccessedTime > max * 1000L;
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("session " + id + " has been invalidated");
        }
    }

    @Override
    public long getCreationTime() {
        checkValid();
        return creationTime;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getLastAccessedTime() {
        checkValid();
        return lastAccessedTime;
    }

    @Override
    public ServletContext getServletContext() {
        return manager.context().servletContext();
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        maxInactiveSeconds = interval;
    }

    @Override
    public int getMaxInactiveInterval() {
        return maxInactiveSeconds;
    }

    @Override
    public Object getAttribute(String name) {
        checkValid();
        if (name == null) {
            return null;
        }
        if (changes != null) {
            changes.read(name);
        }
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid();
        return Collections.enumeration(new ArrayList<>(attributes.keySet()));
    }

    @Override
    public void setAttribute(String name, Object value) {
        checkValid();
        if (name == null) {
            throw new IllegalArgumentException("attribute name is null");
        }
        if (value == null) {
            removeAttribute(name);
            return;
        }
        manager.checkStorable(name, value);
        if (changes != null) {
            changes.written(name);
        }
        HttpSessionBindingEvent bound = null;
        if (value instanceof HttpSessionBindingListener l) {
            Object current = attributes.get(name);
            if (current != value) {
                bound = new HttpSessionBindingEvent(this, name, value);
                l.valueBound(bound);
            }
        }
        Object old = attributes.put(name, value);
        if (old != value && old instanceof HttpSessionBindingListener l) {
            l.valueUnbound(new HttpSessionBindingEvent(this, name, old));
        }
        List<HttpSessionAttributeListener> ls = manager.context().listeners().sessionAttribute;
        if (!ls.isEmpty()) {
            HttpSessionBindingEvent e = new HttpSessionBindingEvent(this, name, old == null ? value : old);
            for (HttpSessionAttributeListener l : ls) {
                if (old == null) {
                    l.attributeAdded(e);
                } else {
                    l.attributeReplaced(e);
                }
            }
        }
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        removeQuietly(name);
    }

    private void removeQuietly(String name) {
        if (name == null) {
            return;
        }
        Object old = attributes.remove(name);
        if (old == null) {
            return;
        }
        if (changes != null) {
            changes.written(name);
        }
        if (old instanceof HttpSessionBindingListener l) {
            l.valueUnbound(new HttpSessionBindingEvent(this, name, old));
        }
        List<HttpSessionAttributeListener> ls = manager.context().listeners().sessionAttribute;
        if (!ls.isEmpty()) {
            HttpSessionBindingEvent e = new HttpSessionBindingEvent(this, name, old);
            for (HttpSessionAttributeListener l : ls) {
                l.attributeRemoved(e);
            }
        }
    }

    @Override
    public void invalidate() {
        checkValid();
        expire();
    }

    /** Listeners hear sessionDestroyed while attributes are still there; then they are unbound. */
    void expire() {
        synchronized (this) {
            if (!valid || invalidating) {
                return;
            }
            invalidating = true;
        }
        try {
            manager.fireDestroyed(this);
            for (String name : new ArrayList<>(attributes.keySet())) {
                try {
                    removeQuietly(name);
                } catch (RuntimeException e) {
                    manager.context().log("unbinding " + name + " from session failed", e);
                }
            }
        } finally {
            valid = false;
            manager.remove(this);
        }
    }

    @Override
    public boolean isNew() {
        checkValid();
        return isNew;
    }

    @Override
    public Accessor getAccessor() {
        String sessionId = id;
        return consumer -> {
            Session s = manager.find(sessionId);
            if (s == null) {
                throw new IllegalStateException("session " + sessionId + " is no longer valid");
            }
            s.access();
            try {
                consumer.accept(s);
            } finally {
                manager.released(s);
            }
        };
    }
}
