package io.subito.deploy;

import io.subito.container.compress.CompressionSettings;
import io.subito.websocket.session.WsSettings;
import io.subito.container.guard.Guard;
import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import io.subito.servlet.lifecycle.FileTrees;
import io.subito.servlet.ServletHost;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.security.Realm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deploys WAR files and exploded directories into a {@link ServletHost}, one context path each.
 * A redeploy builds and starts the new context beside the old one, then the host switches
 * routing at once, so no request finds the path empty; the old context's class loader and
 * unpacked files are released a grace period later, once requests in flight on it are done.
 * A deployment that fails leaves what was running untouched.
 */
public final class Deployer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Deployer.class.getName());

    private final ServletHost host;
    private final Path workDir;
    private final WebAppAssembler assembler;
    private final WarUnpacker unpacker = new WarUnpacker();
    private final Map<String, Deployment> byContextPath = new ConcurrentHashMap<>();
    private final java.util.Set<Deployment> retiring = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> pathLocks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    private final long releaseGraceMillis;
    private final AppSettings appSettings;
    private int generation;
    private volatile io.subito.servlet.dispatch.ErrorDetails errorDetails = io.subito.servlet.dispatch.ErrorDetails.OFF;
    private volatile Listener listener = Listener.NONE;

    /** Hears of apps starting to serve and ceasing to (the server's MBeans follow them). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** {@code d} now serves its context path; it took {@code millis} to deploy. */
        default void deployed(Deployment d, long millis) {
        }

        /** {@code d} no longer serves (undeployed, replaced, or the server stops). */
        default void undeployed(Deployment d) {
        }
    }

    /** Null: every app keeps its sessions in memory (the embedded and Arquillian default). */
    private volatile SessionStoreConfig sessionStores;
    private volatile CompressionSettings compression = CompressionSettings.DEFAULTS;
    private volatile WsSettings webSocket = WsSettings.DEFAULTS;

    /**
     * @param parent the loader webapps delegate to (the container's)
     * @param realm users and roles for BASIC and FORM login, or null
     * @param releaseGraceMillis how long a replaced or removed app's loader and files are kept
     */
    public Deployer(ServletHost host, Path workDir, ClassLoader parent, Realm realm, long releaseGraceMillis)
            throws IOException {
        this(host, workDir, parent, realm, releaseGraceMillis, RequestLimits.DEFAULTS);
    }

    /** @param requestLimits form, parameter and multipart limits of every deployed context */
    public Deployer(ServletHost host, Path workDir, ClassLoader parent, Realm realm, long releaseGraceMillis,
            RequestLimits requestLimits) throws IOException {
        this(host, workDir, parent, realm, releaseGraceMillis, requestLimits, AppSettings.DEFAULTS);
    }

    /** @param appSettings per-application settings (cross-context access) */
    public Deployer(ServletHost host, Path workDir, ClassLoader parent, Realm realm, long releaseGraceMillis,
            RequestLimits requestLimits, AppSettings appSettings) throws IOException {
        this(host, workDir, parent, realm, releaseGraceMillis, requestLimits, appSettings, ResponseSettings.DEFAULTS);
    }

    /** @param responseSettings ranges per static response and redirect form of every deployed context */
    public Deployer(ServletHost host, Path workDir, ClassLoader parent, Realm realm, long releaseGraceMillis,
            RequestLimits requestLimits, AppSettings appSettings, ResponseSettings responseSettings)
            throws IOException {
        this.host = host;
        this.appSettings = appSettings;
        this.workDir = Files.createDirectories(workDir).toAbsolutePath();
        // contexts make their TEMPDIR in here, a hidden name no deployment can have
        this.assembler = new WebAppAssembler(parent, realm, this.workDir.resolve(".tmp"), requestLimits,
                responseSettings);
        this.releaseGraceMillis = releaseGraceMillis;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "subito-undeploy-reaper");
            t.setDaemon(true);
            return t;
        });
        WebAppClassLoader.disableJarUrlCaching();
    }

    /** Whether the error pages of the apps deployed from now on show exceptions ({@code errorDetails}). */
    public void errorDetails(io.subito.servlet.dispatch.ErrorDetails details) {
        errorDetails = details;
    }

    /** One listener; set it before deploying. */
    public void listener(Listener l) {
        listener = l == null ? Listener.NONE : l;
    }

    /** Where the apps deployed from now on keep their sessions ({@code sessionStore} keys). */
    public void sessionStores(SessionStoreConfig config) {
        sessionStores = config;
    }

    /** The WebSocket defaults of the apps deployed from now on ({@code websocket.*} keys). */
    public void webSocket(WsSettings settings) {
        webSocket = java.util.Objects.requireNonNull(settings, "settings");
    }

    /** Response compression of the apps deployed from now on ({@code compression} keys). */
    public void compression(CompressionSettings settings) {
        compression = java.util.Objects.requireNonNull(settings, "settings");
    }

    /**
     * Deploys {@code source} (a WAR or a directory), replacing what serves its context path.
     * Deployments to different context paths may run at the same time (the server's start
     * deploys its apps in parallel); those to one path are serialised.
     */
    public Deployment deploy(Path source) throws DeploymentException {
        String name = ContextPaths.deploymentName(source);
        if (name == null) {
            throw new DeploymentException(source + ": not a WAR file or a directory");
        }
        String contextPath = ContextPaths.contextPath(name);
        synchronized (lockFor(contextPath)) {
            return deploy(source, name, contextPath);
        }
    }

    private Object lockFor(String contextPath) {
        return pathLocks.computeIfAbsent(contextPath, k -> new Object());
    }

    private Deployment deploy(Path source, String name, String contextPath) throws DeploymentException {
        String app = source.getFileName().toString();
        AppSettings.App settings = appSettings.forApp(name); // before unpacking: a bad file refuses the app at once
        long t0 = System.nanoTime();
        boolean isWar = Files.isRegularFile(source);
        Path dir = isWar ? unpackDir(name) : source.toAbsolutePath();
        if (isWar) {
            unpacker.unpack(source, dir);
        }
        long t1 = System.nanoTime();
        Deployment d;
        try {
            WebAppAssembler.Assembled a = assembler.assemble(app, contextPath, dir, settings);
            d = new Deployment(source, contextPath, dir, isWar, a.context(), a.loader());
            a.context().setErrorDetails(errorDetails);
            a.context().setCompression(compression); // before start: fixed for the context's life
            a.context().setAttribute(WsSettings.ATTRIBUTE, webSocket); // for the app's WsInitializer, which takes it away
            SessionStoreConfig stores = sessionStores;
            if (stores != null) {
                try {
                    a.context().sessions().configureStore(stores.forApp(name, settings.overrides()));
                } catch (DeploymentException e) {
                    a.context().stop();
                    WebAppAssembler.closeQuietly(a.loader());
                    throw e;
                }
            }
        } catch (DeploymentException e) {
            if (isWar) {
                FileTrees.deleteQuietly(dir);
            }
            throw e;
        }
        long t2 = System.nanoTime();
        start(d);
        long t3 = System.nanoTime();
        Deployment previous = byContextPath.put(contextPath, d);
        if (previous != null) {
            listener.undeployed(previous);
            releaseLater(previous); // the host has stopped it and routes to the new one
        }
        listener.deployed(d, ms(t0, t3));
        LOG.info(() -> "deployed " + app + " at " + display(contextPath) + " in " + ms(t0, t3) + " ms (unpack "
                + ms(t0, t1) + ", descriptors and scan " + ms(t1, t2) + ", start " + ms(t2, t3) + ")");
        return d;
    }

    /** {@code work/NAME}, or {@code work/NAME~N} while an older version still runs from there. */
    private synchronized Path unpackDir(String name) {
        Path plain = workDir.resolve(name);
        return Files.exists(plain) ? workDir.resolve(name + "~" + (++generation)) : plain;
    }

    /**
     * Starts the context and routes to it; on failure the context is stopped, its loader closed
     * and its unpacked files deleted.
     */
    private void start(Deployment d) throws DeploymentException {
        WebAppContext ctx = d.context();
        try {
            host.deploy(ctx); // starts it (TCCL = the app's loader), then switches routing
        } catch (Exception | Error e) {
            release(d);
            throw new DeploymentException(d.name() + ": failed to start: " + FailureMessages.describe(e), e);
        }
    }

    /** Stops serving the app deployed from {@code source}, if any. */
    public boolean undeploy(Path source) {
        for (Deployment d : byContextPath.values()) {
            if (d.source().equals(source)) {
                synchronized (lockFor(d.contextPath())) {
                    return undeployPath(d.contextPath());
                }
            }
        }
        return false;
    }

    private boolean undeployPath(String contextPath) {
        Deployment d = byContextPath.remove(contextPath);
        if (d == null) {
            return false;
        }
        try {
            host.undeploy(contextPath); // runs the app's contextDestroyed, which may throw anything
        } finally {
            listener.undeployed(d);
            releaseLater(d);
        }
        LOG.info(() -> "undeployed " + d.name() + " from " + display(contextPath));
        return true;
    }

    public Collection<Deployment> deployments() {
        return List.copyOf(byContextPath.values());
    }

    public Deployment deploymentAt(String contextPath) {
        return byContextPath.get(contextPath);
    }

    private void releaseLater(Deployment d) {
        retiring.add(d);
        // guarded: a one-shot task's throwable would otherwise be kept in its future, unread
        reaper.schedule(Guard.task("releasing an undeployed app", () -> release(d)), releaseGraceMillis, TimeUnit.MILLISECONDS);
    }

    /** Harmless when repeated: stopping, closing and deleting are all idempotent. */
    private void release(Deployment d) {
        retiring.remove(d);
        d.context().stop(); // idempotent; the host normally stopped it already; deletes its TEMPDIR
        WebAppAssembler.closeQuietly(d.loader());
        if (d.unpacked()) {
            try {
                FileTrees.deleteRecursively(d.dir());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete " + d.dir() + ": " + e.getMessage());
            }
        }
    }

    /** Undeploys everything now (server shutdown): no grace, the engine has already drained. */
    @Override
    public synchronized void close() {
        for (String cp : List.copyOf(byContextPath.keySet())) {
            Deployment d = byContextPath.remove(cp);
            host.undeploy(cp);
            listener.undeployed(d);
            release(d);
        }
        reaper.shutdownNow();
        for (Deployment d : List.copyOf(retiring)) {
            release(d);
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    static String display(String contextPath) {
        return contextPath.isEmpty() ? "/" : contextPath;
    }
}
