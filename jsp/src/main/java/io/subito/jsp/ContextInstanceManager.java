package io.subito.jsp;

import io.subito.servlet.lifecycle.Lifecycle;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.apache.tomcat.InstanceManager;

/**
 * How Jasper creates tag handlers, TLD listeners and the servlets of compiled pages: with the
 * same {@code @PostConstruct} / {@code @PreDestroy} handling the container gives the app's own
 * components (there is no JNDI, so nothing is injected).
 */
final class ContextInstanceManager implements InstanceManager {
    private final ServletContext context;

    ContextInstanceManager(ServletContext context) {
        this.context = context;
    }

    @Override
    public Object newInstance(Class<?> type) throws IllegalAccessException, InvocationTargetException,
            InstantiationException, NoSuchMethodException {
        Constructor<?> c = type.getDeclaredConstructor();
        c.setAccessible(true);
        Object o = c.newInstance();
        newInstance(o);
        return o;
    }

    @Override
    public Object newInstance(String className) throws IllegalAccessException, InvocationTargetException,
            InstantiationException, ClassNotFoundException, NoSuchMethodException {
        return newInstance(className, context.getClassLoader());
    }

    @Override
    public Object newInstance(String className, ClassLoader loader) throws IllegalAccessException,
            InvocationTargetException, InstantiationException, ClassNotFoundException, NoSuchMethodException {
        return newInstance(Class.forName(className, false, loader));
    }

    /** Runs the {@code @PostConstruct} methods of an object Jasper made itself. */
    @Override
    public void newInstance(Object o) throws InvocationTargetException {
        try {
            Lifecycle.postConstruct(o);
        } catch (InvocationTargetException e) {
            throw e;
        } catch (Exception e) {
            throw new InvocationTargetException(e, "@PostConstruct of " + o.getClass().getName() + " failed");
        }
    }

    @Override
    public void destroyInstance(Object o) {
        Lifecycle.preDestroy(o, t -> context.log("@PreDestroy of " + o.getClass().getName() + " failed", t));
    }
}
