package io.subito.deploy;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every webapp class loader: the JDK plus the part of the container's class path
 * that webapps share (the Servlet, annotation, WebSocket and EL APIs and the JSP engine; see
 * {@link WebAppClassLoader#isParentFirst}), and nothing else. Subito's own classes
 * ({@code io.subito.*}, the {@code Server} main among them) and the container's other libraries
 * (ASM, Commons Compress, ...) stay invisible: an app cannot load or read them by name, and an app
 * that forgot to bundle a library fails here as it would elsewhere, instead of silently running
 * on the container's copy. The container's {@code ServletContainerInitializer} service files stay
 * invisible too: the JSP engine's initializer is added by its {@link io.subito.servlet.WebAppExtension},
 * and found a second time it would run twice. A shared service file is offered only from jars whose
 * file names shared classes alone.
 */
public final class SharedApiLoader extends ClassLoader {
    static final String SERVICES = "META-INF/services/";
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
        if (!shared(name)) {
            return Collections.emptyEnumeration();
        }
        if (!name.startsWith(SERVICES)) {
            return container.getResources(name);
        }
        // a shared service file of another jar on the container's class path (say a WebSocket
        // client beside the server) names classes the app cannot load: ServiceLoader would fail on it
        List<URL> usable = new ArrayList<>();
        for (URL u : Collections.list(container.getResources(name))) {
            if (namesSharedClassesOnly(u)) {
                usable.add(u);
            }
        }
        return Collections.enumeration(usable);
    }

    private static boolean namesSharedClassesOnly(URL serviceFile) {
        try (java.io.InputStream in = serviceFile.openStream()) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                String c = line.replaceFirst("#.*", "").trim();
                if (!c.isEmpty() && !WebAppClassLoader.isParentFirst(c)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
