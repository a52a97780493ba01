package io.subito.servlet;

import io.subito.servlet.lifecycle.Listeners;
import io.subito.servlet.lifecycle.ScratchDir;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextAttributeListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A context's attributes (with their listeners' events) and init parameters, and its
 * {@link ServletContext#TEMPDIR}, which is made on first use and deleted when the context stops.
 */
final class ContextAttributes {
    private final Map<String, String> initParams = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Listeners listeners;
    private final ScratchDir scratch;
    /** What the events name as their source: the application's ServletContext. */
    private final ServletContext source;
    /** Set once the application sets or removes TEMPDIR itself: then it is an attribute like any other. */
    private volatile boolean tempDirOverridden;

    ContextAttributes(Listeners listeners, String scratchPrefix, ServletContext source) {
        this.listeners = listeners;
        this.scratch = new ScratchDir(scratchPrefix);
        this.source = source;
    }

    void setTempDirParent(Path parent) {
        scratch.setParent(parent);
    }

    void deleteTempDir() throws java.io.IOException {
        scratch.delete();
    }

    // ---- init parameters ----

    String initParameter(String name) {
        if (name == null) {
            throw new NullPointerException("init parameter name");
        }
        return initParams.get(name);
    }

    Enumeration<String> initParameterNames() {
        return Collections.enumeration(new ArrayList<>(initParams.keySet()));
    }

    /** The first value set for a name stays (Servlet 6.1: setInitParameter answers false then). */
    boolean setInitParameter(String name, String value) {
        if (name == null) {
            throw new NullPointerException("init parameter name");
        }
        return initParams.putIfAbsent(name, value) == null;
    }

    // ---- attributes ----

    Object get(String name) {
        if (name == null) {
            throw new NullPointerException("attribute name");
        }
        Object value = attributes.get(name);
        if (value == null && !tempDirOverridden && ServletContext.TEMPDIR.equals(name)) {
            return scratch.get(); // made on first use
        }
        return value;
    }

    Enumeration<String> names() {
        List<String> names = new ArrayList<>(attributes.keySet());
        if (!tempDirOverridden && !names.contains(ServletContext.TEMPDIR)) {
            names.add(ServletContext.TEMPDIR);
        }
        return Collections.enumeration(names);
    }

    void set(String name, Object value) {
        if (name == null) {
            throw new NullPointerException("attribute name");
        }
        if (value == null) {
            remove(name);
            return;
        }
        if (ServletContext.TEMPDIR.equals(name)) {
            tempDirOverridden = true;
        }
        Object old = attributes.put(name, value);
        List<ServletContextAttributeListener> ls = listeners.contextAttribute;
        if (!ls.isEmpty()) {
            ServletContextAttributeEvent e = new ServletContextAttributeEvent(source, name, old == null ? value : old);
            for (ServletContextAttributeListener l : ls) {
                if (old == null) {
                    l.attributeAdded(e);
                } else {
                    l.attributeReplaced(e);
                }
            }
        }
    }

    void remove(String name) {
        if (name == null) {
            throw new NullPointerException("attribute name");
        }
        if (ServletContext.TEMPDIR.equals(name)) {
            tempDirOverridden = true;
        }
        Object old = attributes.remove(name);
        if (old != null) {
            ServletContextAttributeEvent e = new ServletContextAttributeEvent(source, name, old);
            for (ServletContextAttributeListener l : listeners.contextAttribute) {
                l.attributeRemoved(e);
            }
        }
    }
}
