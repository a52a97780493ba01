package io.subito.deploy;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One per webapp: {@code WEB-INF/classes}, then {@code WEB-INF/lib/*.jar} (sorted by name, so
 * the order does not depend on the file system). Child-first, as the Servlet specification
 * recommends, so an app's own libraries win over the container's; except for the JDK (asked
 * first, so an app can never replace {@code java.*} or the JDK's {@code javax.*}), and for the
 * APIs shared with the container, which must be the container's classes or the app's servlets
 * would not be the container's {@code Servlet}; and the JSP engine's. Subito's own classes
 * ({@code io.subito.*}) are not among them: an app cannot load them by name (its parent,
 * {@link SharedApiLoader}, refuses them); it gets to the container only through the APIs.
 */
public final class WebAppClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    /**
     * The packages apps share with the container: the whole API an app sees of the server
     * (docs/ARCHITECTURE.md, "What an application sees"). Nothing of {@code io.subito} is here.
     */
    private static final String[] PARENT_FIRST = {
        "jakarta.servlet.", "jakarta.annotation.",
        // on the shared class path so Jakarta Faces (which asks for jakarta.websocket.server.ServerContainer
        // at start) deploys, as on Tomcat and Jetty; an app bundling the API gets the shared copy
        "jakarta.websocket.",
        // the one Subito class an app may see: the WebSocket API finds the container's default
        // configurator with ServiceLoader through the app's loader (ServerEndpointConfig.Builder does)
        "io.subito.websocket.server.DefaultConfigurator",
        "META-INF.services.jakarta.websocket.server.ServerEndpointConfig$Configurator",
        // and the container's WebSocket client: ContainerProvider.getWebSocketContainer() in an app
        // (an app bundling a client of its own finds its own first)
        "io.subito.websocket.client.WsContainerProvider",
        "META-INF.services.jakarta.websocket.ContainerProvider",
        // the JSP engine (module jsp): compiled pages extend Jasper's classes and use its EL, and
        // must see the very classes the engine runs on, as Tomcat's webapp loader ensures too
        "jakarta.el.", "org.apache.jasper.", "org.apache.el.", "org.apache.tomcat.", "org.apache.juli.",
    };

    private final ClassLoader jdk = ClassLoader.getPlatformClassLoader();
    private final ClassLoader parent;
    private final String name;

    /**
     * Makes {@code jar:} URL connections open their jar per use instead of from a JVM-wide cache.
     * An app (or a library such as Spring) that reads {@code getResource(..).openStream()} would
     * otherwise leave the jar open in that cache forever, and an undeployed app's files could
     * never be deleted. Called once by the deployer; costs a jar open per such read.
     */
    public static void disableJarUrlCaching() {
        java.net.URLConnection.setDefaultUseCaches("jar", false);
    }

    public WebAppClassLoader(String name, Path webappDir, ClassLoader parent) throws IOException {
        super("webapp" + name, classpath(webappDir), parent);
        this.parent = parent;
        this.name = name;
    }

    /** The URLs of {@code WEB-INF/classes} and the jars of {@code WEB-INF/lib}, in search order. */
    static URL[] classpath(Path webappDir) throws IOException {
        List<URL> urls = new ArrayList<>();
        Path classes = webappDir.resolve("WEB-INF/classes");
        if (Files.isDirectory(classes)) {
            urls.add(toUrl(classes));
        }
        for (Path jar : libJars(webappDir)) {
            urls.add(toUrl(jar));
        }
        return urls.toArray(new URL[0]);
    }

    /** The jars of {@code WEB-INF/lib}, sorted by file name. */
    public static List<Path> libJars(Path webappDir) throws IOException {
        Path lib = webappDir.resolve("WEB-INF/lib");
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(lib)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    private static URL toUrl(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(p.toString(), e);
        }
    }

    static boolean isParentFirst(String className) {
        for (String prefix : PARENT_FIRST) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(className)) {
            Class<?> c = findLoadedClass(className);
            if (c == null) {
                c = loadUnloaded(className);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> loadUnloaded(String className) throws ClassNotFoundException {
        // a resource look-up first, because a ClassNotFoundException per app class is costly
        if (jdk.getResource(className.replace('.', '/') + ".class") != null) {
            return jdk.loadClass(className);
        }
        if (isParentFirst(className)) {
            try {
                return parent.loadClass(className);
            } catch (ClassNotFoundException notShared) {
                return findClass(className); // e.g. jakarta.servlet.jsp bundled by the app
            }
        }
        try {
            return findClass(className);
        } catch (ClassNotFoundException notInApp) {
            return parent.loadClass(className);
        }
    }

    @Override
    public URL getResource(String resource) {
        URL url = jdk.getResource(resource);
        if (url == null && isParentFirst(resource.replace('/', '.'))) {
            url = parent.getResource(resource);
        }
        if (url == null) {
            url = findResource(resource);
        }
        return url != null ? url : parent.getResource(resource);
    }

    /** The app's resources first, then the container's, without duplicates. */
    @Override
    public Enumeration<URL> getResources(String resource) throws IOException {
        Set<URL> all = new LinkedHashSet<>(Collections.list(findResources(resource)));
        all.addAll(Collections.list(parent.getResources(resource)));
        return Collections.enumeration(all);
    }

    @Override
    public String toString() {
        return "WebAppClassLoader[" + name + "]";
    }
}
