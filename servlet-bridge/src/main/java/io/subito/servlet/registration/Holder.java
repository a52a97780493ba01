package io.subito.servlet.registration;


import jakarta.servlet.Registration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What servlet and filter registrations share: name, class, init parameters, async support. */
public abstract class Holder implements Registration.Dynamic {
    protected final RegistrationHost context;
    protected final String name;
    protected String className;
    protected final Map<String, String> initParams = new LinkedHashMap<>();
    protected volatile boolean asyncSupported;

    protected Holder(RegistrationHost context, String name, String className) {
        this.context = context;
        this.name = name;
        this.className = className;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getClassName() {
        return className;
    }

    @Override
    public boolean setInitParameter(String key, String value) {
        if (key == null || value == null) {
            throw new IllegalArgumentException("init parameter name and value must not be null");
        }
        context.checkNotStarted();
        return initParams.putIfAbsent(key, value) == null;
    }

    @Override
    public String getInitParameter(String key) {
        return initParams.get(key);
    }

    @Override
    public Set<String> setInitParameters(Map<String, String> params) {
        Set<String> conflicts = new java.util.HashSet<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("init parameter name and value must not be null");
            }
            if (initParams.containsKey(e.getKey())) {
                conflicts.add(e.getKey());
            }
        }
        if (conflicts.isEmpty()) {
            context.checkNotStarted();
            initParams.putAll(params);
        }
        return conflicts;
    }

    @Override
    public Map<String, String> getInitParameters() {
        return Collections.unmodifiableMap(initParams);
    }

    public Enumeration<String> initParameterNames() {
        return Collections.enumeration(initParams.keySet());
    }

    @Override
    public void setAsyncSupported(boolean supported) {
        context.checkNotStarted();
        asyncSupported = supported;
    }

    public boolean isAsyncSupported() {
        return asyncSupported;
    }

    /**
     * Ends a component's life as Servlet 6.1 asks: its own {@code destroy()}, then its
     * {@code @PreDestroy}; a failure of either is logged, never thrown into the shutdown.
     */
    protected final void destroyQuietly(Object component, Runnable destroy, String kind) {
        try {
            destroy.run();
        } catch (RuntimeException e) {
            context.log("destroy of " + kind + " " + name + " failed", e);
        }
        io.subito.servlet.lifecycle.Lifecycle.preDestroy(component,
                t -> context.log("PreDestroy of " + kind + " " + name + " failed", t));
    }
}
