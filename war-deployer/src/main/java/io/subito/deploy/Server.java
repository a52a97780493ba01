package io.subito.deploy;

import io.subito.servlet.lifecycle.FileTrees;
import io.subito.container.HttpServer;
import io.subito.servlet.ServletHost;
import io.subito.servlet.security.PropertiesRealm;
import io.subito.servlet.security.Realm;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import java.util.stream.Collectors;

/**
 * The Subito server: a {@link ServletHost} on the engine, the apps of {@code webapps/} deployed
 * and watched, an access log. {@code main} reads {@code conf/}, prints the URL and the time it
 * took to start, and runs until stopped (SIGTERM / Ctrl-C stop it gracefully).
 */
public final class Server implements AutoCloseable {

    private final ServerSettings settings;
    private final ClassLoader appParent;
    private ServletHost host;
    private HttpServer engine;
    private Deployer deployer;
    private WebappsWatcher watcher;
    private AccessLog accessLog;

    public Server(ServerSettings settings) {
        this(settings, new SharedApiLoader(Server.class.getClassLoader()));
    }

    /** @param appParent what the webapps' class loaders delegate to (the container's classes) */
    public Server(ServerSettings settings, ClassLoader appParent) {
        this.settings = settings;
        this.appParent = appParent;
    }

    /** Binds the port, deploys {@code webapps/} and starts watching it. */
    public synchronized Server start() throws IOException {
        Files.createDirectories(settings.webapps());
        FileTrees.deleteRecursively(settings.work()); // unpackings of an earlier run are stale
        host = new ServletHost(settings.engine());
        deployer = new Deployer(host, settings.work(), appParent, realm(),
                settings.releaseGraceMillis(), settings.requestLimits(), settings.apps());
        deployer.sessionStores(settings.sessionStores());
        watcher = new WebappsWatcher(settings.webapps(), deployer);
        try {
            // the engine is created here rather than by host.start() so the access log can wrap the host
            accessLog = settings.accessLog() ? new AccessLog(settings.logs().resolve("access.log")) : null;
            engine = new HttpServer(settings.engine(), accessLog != null ? accessLog.around(host) : host);
            engine.start();
            watcher.deployAll();
            watcher.start(settings.scanIntervalMillis());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private Realm realm() throws IOException {
        Path users = settings.home().resolve("conf/users.properties");
        return Files.isRegularFile(users) ? PropertiesRealm.load(users) : null;
    }

    public int port() {
        return engine.port();
    }

    public Deployer deployer() {
        return deployer;
    }

    public WebappsWatcher watcher() {
        return watcher;
    }

    /** The URL a browser can use, naming localhost when bound to every address. */
    public String url() {
        String h = settings.engine().host();
        if (h.equals("0.0.0.0") || h.equals("::") || h.isEmpty()) {
            h = "localhost";
        } else if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port() + "/";
    }

    /** Graceful: stops watching, lets the engine drain, then stops every app. */
    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (engine != null) {
            engine.stop();
            engine = null;
        }
        if (deployer != null) {
            deployer.close();
        }
        if (host != null) {
            host.stop();
        }
        if (accessLog != null) {
            accessLog.close();
            accessLog = null;
        }
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        CommandLine cl;
        ServerSettings settings;
        try {
            cl = CommandLine.parse(args);
            settings = ServerSettings.load(cl.home(), cl.port(), cl.webapps());
            Files.createDirectories(settings.logs());
            configureLogging(cl.home());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("subito: " + e.getMessage());
            System.exit(2);
            return;
        }
        Server server = new Server(settings);
        try {
            server.start();
        } catch (BindException e) {
            System.err.println("subito: " + e.getMessage() + " (is another server using port "
                    + settings.engine().port() + "?)");
            System.exit(3);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("subito: cannot start: " + e);
            System.exit(1);
            return;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String apps = server.deployer().deployments().stream().map(d -> Deployer.display(d.contextPath()))
                .sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
        System.out.println("Subito serving " + server.url() + " (started in " + sinceJvmStart()
                + " ms from JVM start, " + ms + " ms of them in main; apps: " + (apps.isEmpty() ? "none" : apps)
                + "; webapps: " + settings.webapps() + ")");
        awaitShutdown(server);
    }

    /**
     * Milliseconds since the JVM started, by its own clock. (The process start time that
     * ProcessHandle reports is built on the kernel's boot time, which has whole-second
     * resolution, so it could put the launch up to a second too early or too late.)
     */
    static long sinceJvmStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** Blocks until the JVM is asked to exit, then stops the server gracefully. */
    private static void awaitShutdown(Server server) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // printed, not logged: java.util.logging closes its handlers in its own shutdown hook
            long t0 = System.nanoTime();
            server.close();
            System.out.println("Subito stopped in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            stopped.countDown();
        }, "subito-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * conf/logging.properties, unless the JVM was already given a logging configuration. A
     * relative log file pattern is taken relative to the home directory, not the working one.
     */
    private static void configureLogging(Path home) throws IOException {
        Path conf = home.resolve("conf/logging.properties");
        if (System.getProperty("java.util.logging.config.file") != null || !Files.isRegularFile(conf)) {
            return;
        }
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = Files.newInputStream(conf)) {
            p.load(in);
        }
        String key = "java.util.logging.FileHandler.pattern";
        String pattern = p.getProperty(key);
        if (pattern != null && !pattern.startsWith("/") && !pattern.startsWith("%")) {
            p.setProperty(key, home.resolve(pattern).toString());
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        p.store(bytes, null);
        LogManager.getLogManager().readConfiguration(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    }
}
