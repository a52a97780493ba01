package io.subito.deploy;

import io.subito.deploy.descriptor.DescriptorException;
import io.subito.deploy.descriptor.Fragment;
import io.subito.deploy.descriptor.WebXml;
import io.subito.deploy.scan.ClassIndex;
import io.subito.deploy.scan.InitializerDiscovery;
import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.WebAppExtension;
import io.subito.servlet.security.Realm;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Predicate;

/**
 * Turns an unpacked webapp directory into a configured, not yet started {@link WebAppContext}:
 * class loader, descriptors, annotations, initializers. Everything that calls app code runs
 * with the app's class loader as the thread context class loader.
 */
final class WebAppAssembler {
    private final ClassLoader parent;
    private final Realm realm;
    private final Path tempDirParent;
    private final RequestLimits requestLimits;
    private final ResponseSettings responseSettings;
    private final List<WebAppExtension> extensions;
    private final List<ServletContainerInitializer> containerInitializers;

    /**
     * @param tempDirParent where each context makes its TEMPDIR directory when asked for it
     * @param requestLimits the server's form, parameter and multipart limits, given to every context
     * @param responseSettings the server's range and redirect settings, given to every context
     */
    WebAppAssembler(ClassLoader parent, Realm realm, Path tempDirParent, RequestLimits requestLimits,
            ResponseSettings responseSettings) {
        this.parent = parent;
        this.realm = realm;
        this.tempDirParent = tempDirParent;
        this.requestLimits = requestLimits;
        this.responseSettings = responseSettings;
        this.extensions = extensions();
        this.containerInitializers = containerInitializers();
    }

    /**
     * Subito's own initializers on the container's class path (the WebSocket module's), which the
     * webapp's loader cannot see. Other libraries' initializers there (Jasper's) are left out:
     * their {@link WebAppExtension} adds them.
     */
    private static List<ServletContainerInitializer> containerInitializers() {
        List<ServletContainerInitializer> found = new ArrayList<>();
        ServiceLoader.load(ServletContainerInitializer.class, WebAppAssembler.class.getClassLoader()).stream()
                .filter(p -> p.type().getName().startsWith("io.subito."))
                .forEach(p -> found.add(p.get()));
        return List.copyOf(found);
    }

    /** The extensions on the container's class path (the JSP engine when the jsp module is there). */
    private static List<WebAppExtension> extensions() {
        List<WebAppExtension> found = new ArrayList<>();
        ServiceLoader.load(WebAppExtension.class, WebAppAssembler.class.getClassLoader()).forEach(found::add);
        return List.copyOf(found);
    }

    /** The context and its loader; on failure the loader is closed and the cause named. */
    Assembled assemble(String app, String contextPath, Path dir, AppSettings.App settings) throws DeploymentException {
        WebAppClassLoader loader;
        try {
            loader = new WebAppClassLoader(contextPath.isEmpty() ? "/" : contextPath, dir, parent);
        } catch (IOException e) {
            throw new DeploymentException(app + ": cannot read WEB-INF: " + e.getMessage(), e);
        }
        Thread thread = Thread.currentThread();
        ClassLoader old = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            WebAppContext ctx = configure(app, contextPath, dir, loader);
            ctx.setCrossContext(settings.crossContext());
            return new Assembled(ctx, loader);
        } catch (DeploymentException e) {
            closeQuietly(loader);
            throw e;
        } catch (DescriptorException | IOException | InitializerDiscovery.InitializerException e) {
            closeQuietly(loader);
            throw new DeploymentException(app + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(loader); // a missing class, a bad annotation value, a refused registration...
            throw new DeploymentException(app + ": " + FailureMessages.describe(e), e);
        } finally {
            thread.setContextClassLoader(old);
        }
    }

    private WebAppContext configure(String app, String contextPath, Path dir, WebAppClassLoader loader)
            throws DeploymentException, DescriptorException, IOException, InitializerDiscovery.InitializerException {
        WebAppDescriptors descriptors = WebAppDescriptors.read(dir);
        ClassIndex index = AnnotationScan.index(dir, descriptors, loader);
        WebXml merged = AnnotationScan.merge(descriptors, index);
        InitializerDiscovery discovery = new InitializerDiscovery(loader, index);
        List<InitializerDiscovery.Found> initializers = discovery.discover(inJars(descriptors.excluded()));
        WebAppContext ctx = new WebAppContext(contextPath, dir, loader);
        ctx.setTempDirParent(tempDirParent);
        ctx.setRequestLimits(requestLimits); // before the app's code runs, so an initializer sees them
        ctx.setResponseSettings(responseSettings);
        if (realm != null) {
            ctx.setRealm(realm);
        }
        for (WebAppExtension e : extensions) {
            e.configure(ctx); // before the app's initializers and descriptors, which may override it
        }
        for (ServletContainerInitializer sci : containerInitializers) {
            InitializerDiscovery.Found f = discovery.containerInitializer(sci);
            ctx.addServletContainerInitializer(f.initializer(), f.classes());
        }
        for (InitializerDiscovery.Found f : initializers) {
            ctx.addServletContainerInitializer(f.initializer(), f.classes());
        }
        new WebAppConfigurer(app).apply(merged, ctx);
        return ctx;
    }

    /**
     * Matches service files inside the given jars. Compared as paths: a URL's text differs from
     * {@code Path.toUri()}'s ("file:/x" against "file:///x"), so comparing text never matched.
     */
    static Predicate<URL> inJars(List<Fragment> jars) {
        Set<Path> paths = jars.stream().map(f -> f.jar().toAbsolutePath().normalize()).collect(Collectors.toSet());
        return url -> {
            Path jar = jarOf(url);
            return jar != null && paths.contains(jar);
        };
    }

    /** The local jar file a {@code jar:file:...!/entry} URL points into, or null. */
    static Path jarOf(URL url) {
        String inner = url.getPath();
        int bang = inner.indexOf("!/");
        if (!"jar".equals(url.getProtocol()) || bang < 0) {
            return null;
        }
        try {
            return Path.of(new URI(inner.substring(0, bang))).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null; // not a file on this machine: not one of the webapp's jars
        }
    }

    static void closeQuietly(WebAppClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing more can be done; the jars are in work/, cleared at the next start
        }
    }

    record Assembled(WebAppContext context, WebAppClassLoader loader) {
    }
}
