package io.subito.servlet;

import io.subito.servlet.lifecycle.Lifecycle;
import jakarta.servlet.ServletException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Makes the application's components (servlets, filters, listeners, async listeners, upgrade
 * handlers): the no-arg constructor, then the {@code @PostConstruct} methods. Listeners it made
 * get their {@code @PreDestroy} when the context stops.
 */
final class ComponentFactory {
    private final List<Object> managedListeners = new CopyOnWriteArrayList<>();

    <T> T create(Class<T> type) throws ServletException {
        try {
            Constructor<T> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            T t = c.newInstance();
            Lifecycle.postConstruct(t);
            return t;
        } catch (InvocationTargetException e) {
            throw new ServletException("cannot create " + type.getName(), e.getCause());
        } catch (Exception e) {
            throw new ServletException("cannot create " + type.getName(), e);
        }
    }

    /** As {@link #create}, and remembered for {@link #destroyListeners}. */
    <T> T createListener(Class<T> type) throws ServletException {
        T l = create(type);
        managedListeners.add(l);
        return l;
    }

    void destroyListeners(BiConsumer<String, Throwable> log) {
        for (Object o : managedListeners) {
            Lifecycle.preDestroy(o, t -> log.accept("PreDestroy failed", t));
        }
    }
}
