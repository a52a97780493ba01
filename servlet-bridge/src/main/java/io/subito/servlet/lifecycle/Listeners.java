package io.subito.servlet.lifecycle;

import jakarta.servlet.ServletContextAttributeListener;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestAttributeListener;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application's listeners, one list per kind, in declaration order. Lists are
 * copy-on-write: they are read on every request and written only while starting.
 */
public final class Listeners {
    public static final List<Class<? extends EventListener>> SUPPORTED = List.of(
            ServletContextListener.class, ServletContextAttributeListener.class, ServletRequestListener.class,
            ServletRequestAttributeListener.class, HttpSessionListener.class, HttpSessionAttributeListener.class,
            HttpSessionIdListener.class);

    public final List<ServletContextListener> context = new CopyOnWriteArrayList<>();
    public final List<ServletContextAttributeListener> contextAttribute = new CopyOnWriteArrayList<>();
    public final List<ServletRequestListener> request = new CopyOnWriteArrayList<>();
    public final List<ServletRequestAttributeListener> requestAttribute = new CopyOnWriteArrayList<>();
    public final List<HttpSessionListener> session = new CopyOnWriteArrayList<>();
    public final List<HttpSessionAttributeListener> sessionAttribute = new CopyOnWriteArrayList<>();
    public final List<HttpSessionIdListener> sessionId = new CopyOnWriteArrayList<>();
    private final List<EventListener> all = new CopyOnWriteArrayList<>();

    public static boolean isSupported(Class<?> type) {
        for (Class<?> c : SUPPORTED) {
            if (c.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the listener to every list whose interface it implements. */
    public void add(EventListener l) {
        if (!isSupported(l.getClass())) {
            throw new IllegalArgumentException(l.getClass().getName() + " implements no supported listener interface");
        }
        all.add(l);
        if (l instanceof ServletContextListener x) {
            context.add(x);
        }
        if (l instanceof ServletContextAttributeListener x) {
            contextAttribute.add(x);
        }
        if (l instanceof ServletRequestListener x) {
            request.add(x);
        }
        if (l instanceof ServletRequestAttributeListener x) {
            requestAttribute.add(x);
        }
        if (l instanceof HttpSessionListener x) {
            session.add(x);
        }
        if (l instanceof HttpSessionAttributeListener x) {
            sessionAttribute.add(x);
        }
        if (l instanceof HttpSessionIdListener x) {
            sessionId.add(x);
        }
    }

    /** All listeners in declaration order. */
    public List<EventListener> all() {
        return new ArrayList<>(all);
    }

    public void clear() {
        context.clear();
        contextAttribute.clear();
        request.clear();
        requestAttribute.clear();
        session.clear();
        sessionAttribute.clear();
        sessionId.clear();
        all.clear();
    }
}
