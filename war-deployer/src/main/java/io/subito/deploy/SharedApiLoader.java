package io.subito.deploy;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every webapp class loader: the JDK plus the part of the container's class path
 * that webapps share (the Servlet, annotation, WebSocket and EL APIs and the JSP engine; see
 * {@link WebAppClassLoader#isParentFirst}), and nothing else. Subito's own classes
 * ({@code io.subito.*}, the {@code Server} main among them) and the container's other libraries
 * (ASM, Commons Compress, ...) stay invisible: an app cannot load or read them by name, and an app
 * that forgot to bundle a library fails here as it would elsewhere, instead of silently running
 * on the container's copy. The container's {@code ServletContainerInitializer} service files stay
 * invisible too: the JSP engine's initializer is added by its {@link io.subito.servlet.WebAppExtension},
 * and found a second time it would run twice.
 */
public final class SharedApiLoader extends ClassLoader {
    static final String SCI_SERVICE = "META-INF/services/jakarta.servlet.ServletContainerInitializer";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader container;

    /** @param container the loader of the container's whole class path */
    public SharedApiLoader(ClassLoader container) {
        super("subito-shared-api", ClassLoader.getPlatformClassLoader());
        this.container = container;
    }

    private static boolean shared(String resource) {
        return WebAppClassLoader.isParentFirst(resource.replace('/', '.'));
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (WebAppClassLoader.isParentFirst(name)) {
            return container.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return shared(name) ? container.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return shared(name) ? container.getResources(name) : Collections.emptyEnumeration();
    }
}
