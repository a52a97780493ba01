package io.subito.deploy;

import io.subito.deploy.scan.InitializerDiscovery;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every webapp class loader: the JDK plus the part of the container's class path
 * that webapps share (the Servlet and annotation APIs, Subito's own packages; see
 * {@link WebAppClassLoader#isParentFirst}), and nothing else. The container's other libraries
 * (ASM, Commons Compress, ...) stay invisible, as in Tomcat: an app that forgot to bundle a
 * library fails here as it would elsewhere, instead of silently running on the container's copy.
 * Of the container's {@code ServletContainerInitializer} service files, those naming only shared
 * (Subito) initializers stay visible.
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
        return resource.equals(SCI_SERVICE) || WebAppClassLoader.isParentFirst(resource.replace('/', '.'));
    }

    /**
     * Subito's own initializers are shared; others, such as Jasper's, which a
     * {@link io.subito.servlet.WebAppExtension} adds itself, are not found a second time.
     */
    private static boolean isSubito(String className) {
        return className.startsWith("io.subito.");
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
        if (!name.equals(SCI_SERVICE)) {
            return container.getResources(name);
        }
        List<URL> urls = new ArrayList<>();
        for (URL url : Collections.list(container.getResources(name))) {
            if (InitializerDiscovery.readServiceFile(url).stream().allMatch(SharedApiLoader::isSubito)) {
                urls.add(url);
            }
        }
        return Collections.enumeration(urls);
    }
}
