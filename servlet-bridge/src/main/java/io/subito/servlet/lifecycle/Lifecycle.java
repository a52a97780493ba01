package io.subito.servlet.lifecycle;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls the {@code @PostConstruct} / {@code @PreDestroy} methods of container-made components.
 * Superclass methods run first for PostConstruct and last for PreDestroy (Jakarta Annotations 3.0).
 */
public final class Lifecycle {
    private Lifecycle() {
    }

    public static void postConstruct(Object target) throws Exception {
        invoke(target, PostConstruct.class, false);
    }

    /** Never throws: a failing PreDestroy must not stop the others from running. */
    public static void preDestroy(Object target, java.util.function.Consumer<Throwable> log) {
        try {
            invoke(target, PreDestroy.class, true);
        } catch (Exception e) {
            log.accept(e);
        }
    }

    private static void invoke(Object target, Class<? extends Annotation> kind, boolean subclassFirst)
            throws Exception {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(kind) && m.getParameterCount() == 0 && !overridden(m, methods)) {
                    methods.add(m);
                }
            }
        }
        if (!subclassFirst) {
            java.util.Collections.reverse(methods);
        }
        for (Method m : methods) {
            m.setAccessible(true);
            try {
                m.invoke(target);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw cause instanceof Exception ex ? ex : new RuntimeException(cause);
            }
        }
    }

    private static boolean overridden(Method m, List<Method> seen) {
        if (java.lang.reflect.Modifier.isPrivate(m.getModifiers())) {
            return false;
        }
        for (Method s : seen) {
            if (s.getName().equals(m.getName()) && !java.lang.reflect.Modifier.isPrivate(s.getModifiers())) {
                return true;
            }
        }
        return false;
    }
}
