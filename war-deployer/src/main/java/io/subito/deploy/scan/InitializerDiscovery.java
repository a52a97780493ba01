package io.subito.deploy.scan;

import jakarta.servlet.ServletContainerInitializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the {@link ServletContainerInitializer}s of a webapp (its jars'
 * {@code META-INF/services} entries; the container's are not visible to its loader) and, for each, the classes its {@code @HandlesTypes} asks
 * for. The requested types are read from the initializer's class file, and matched in the
 * {@link ClassIndex}; only matching classes are loaded, and one that cannot be loaded (an
 * optional dependency missing, as often in Spring jars) is left out rather than failing the app.
 */
public final class InitializerDiscovery {
    static final String SERVICE = "META-INF/services/" + ServletContainerInitializer.class.getName();
    static final String HANDLES_TYPES = "jakarta.servlet.annotation.HandlesTypes";
    private static final Logger LOG = Logger.getLogger(InitializerDiscovery.class.getName());

    /** An initializer and its {@code onStartup} class set (null when it asks for none or none match). */
    public record Found(ServletContainerInitializer initializer, Set<Class<?>> classes) {
    }

    /** Thrown with a message naming the initializer that could not be made. */
    public static final class InitializerException extends Exception {
        private static final long serialVersionUID = 1L;

        InitializerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ClassLoader loader;
    private final ClassIndex index;

    public InitializerDiscovery(ClassLoader loader, ClassIndex index) {
        this.loader = loader;
        this.index = index;
    }

    /** @param excluded service files to ignore (those of jars left out by an absolute ordering) */
    public List<Found> discover(Predicate<URL> excluded) throws InitializerException, IOException {
        List<Found> out = new ArrayList<>();
        for (String name : serviceNames(excluded)) {
            ServletContainerInitializer sci = instantiate(name);
            out.add(new Found(sci, handledClasses(name)));
        }
        return out;
    }

    private Set<String> serviceNames(Predicate<URL> excluded) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (URL url : Collections.list(loader.getResources(SERVICE))) {
            if (!excluded.test(url)) {
                names.addAll(readServiceFile(url));
            }
        }
        return names;
    }

    /** The class names a service file lists, comments and blanks left out. */
    static List<String> readServiceFile(URL url) throws IOException {
        List<String> names = new ArrayList<>();
        URLConnection c = url.openConnection();
        c.setUseCaches(false); // a cached jar connection would keep the jar open after undeploy
        try (Reader r = new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8);
                BufferedReader in = new BufferedReader(r)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int hash = line.indexOf('#');
                String n = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /**
     * A container initializer from the server's class path (its {@code @HandlesTypes} read by
     * reflection, as its class is not in the webapp's index), with the webapp's classes it asks for.
     */
    public Found containerInitializer(ServletContainerInitializer sci) {
        jakarta.servlet.annotation.HandlesTypes handles = sci.getClass().getAnnotation(jakarta.servlet.annotation.HandlesTypes.class);
        if (handles == null) {
            return new Found(sci, null);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> type : handles.value()) {
            names.addAll(index.handledBy(type.getName(), type.isAnnotation()));
        }
        return new Found(sci, load(sci.getClass().getName(), names));
    }

    private Set<Class<?>> load(String sciName, Set<String> names) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (String n : names) {
            try {
                classes.add(Class.forName(n, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.log(Level.FINE, () -> "@HandlesTypes of " + sciName + ": skipping " + n + " (" + e + ")");
            }
        }
        return classes.isEmpty() ? null : classes;
    }

    private ServletContainerInitializer instantiate(String name) throws InitializerException {
        try {
            Class<?> c = Class.forName(name, true, loader);
            return (ServletContainerInitializer) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new InitializerException("ServletContainerInitializer " + name + " cannot be created: " + e, e);
        }
    }

    /** The classes matching the initializer's {@code @HandlesTypes}, loaded; null when none. */
    private Set<Class<?>> handledClasses(String sciName) {
        ClassInfo sci = index.find(sciName);
        AnnotationData handles = sci == null ? null : sci.annotation(HANDLES_TYPES);
        if (handles == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object o : handles.list("value")) {
            String type = ((AnnotationData.ClassRef) o).className();
            ClassInfo t = index.find(type);
            names.addAll(index.handledBy(type, t != null && t.isAnnotationType()));
        }
        return load(sciName, names);
    }
}
