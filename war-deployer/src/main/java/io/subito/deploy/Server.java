package io.subito.deploy;

import io.subito.servlet.lifecycle.FileTrees;
import io.subito.container.HttpServer;
import io.subito.deploy.jmx.Monitoring;
import io.subito.servlet.ServletHost;
import io.subito.servlet.security.CertificateUsers;
import io.subito.servlet.security.PropertiesRealm;
import io.subito.servlet.security.Realm;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.LogManager;
import java.util.stream.Collectors;

/**
 * The Subito server: a {@link ServletHost} on the engine, the apps of {@code webapps/} deployed
 * and watched, an access log. {@code main} reads {@code conf/}, prints the URL and the time it
 * took to start once every app present has deployed or failed, and runs until stopped (SIGTERM /
 * Ctrl-C stop it gracefully). Exit codes: {@value #EXIT_CANNOT_START} cannot start,
 * {@value #EXIT_BAD_CONFIG} bad configuration, {@value #EXIT_PORT_IN_USE} port in use,
 * {@value #EXIT_DEPLOY_FAILED} an app failed to deploy and {@code failOnDeployError=true}.
 */
public final class Server implements AutoCloseable {
    public static final int EXIT_CANNOT_START = 1;
    public static final int EXIT_BAD_CONFIG = 2;
    public static final int EXIT_PORT_IN_USE = 3;
    public static final int EXIT_DEPLOY_FAILED = 4;

    private final ServerSettings settings;
    private final ClassLoader appParent;
    private ServletHost host;
    private HttpServer engine;
    private Deployer deployer;
    private WebappsWatcher watcher;
    private AccessLog accessLog;
    private Monitoring monitoring;
    private StartupGate gate;

    public Server(ServerSettings settings) {
        this(settings, new SharedApiLoader(Server.class.getClassLoader()));
    }

    /** @param appParent what the webapps' class loaders delegate to (the container's classes) */
    public Server(ServerSettings settings, ClassLoader appParent) {
        this.settings = settings;
        this.appParent = appParent;
    }

    /**
     * Binds the port, deploys {@code webapps/} and starts watching it. Requests that come before
     * every app present has deployed or failed get 503 with {@code Retry-After}; when this
     * returns, the server serves.
     */
    public synchronized Server start() throws IOException {
        Files.createDirectories(settings.webapps());
        FileTrees.deleteRecursively(settings.work()); // unpackings of an earlier run are stale
        host = new ServletHost(settings.engine());
        deployer = new Deployer(host, settings.work(), appParent, realm(),
                settings.releaseGraceMillis(), settings.requestLimits(), settings.apps(), settings.responseSettings());
        deployer.sessionStores(settings.sessionStores());
        deployer.errorDetails(settings.errorDetails());
        deployer.compression(settings.compression());
        deployer.webSocket(settings.webSocket());
        watcher = new WebappsWatcher(settings.webapps(), deployer);
        try {
            // the engine is created here rather than by host.start() so the access log can wrap the host
            accessLog = settings.accessLog() ? new AccessLog(settings.logs().resolve("access.log"),
                    settings.accessLogPattern(), settings.accessLogRolling()) : null;
            gate = new StartupGate(new FailedApps(watcher, host, host));
            engine = new HttpServer(settings.engine(), accessLog != null ? accessLog.around(gate) : gate);
            if (accessLog != null) {
                engine.onRefusal(accessLog::refused);
            }
            engine.start(); // binds now: a port in use is reported before any app is deployed
            monitoring = new Monitoring(engine);
            Monitoring beans = monitoring;
            // before the first deployment: every app gets its bean (jmx knows nothing of Deployment)
            deployer.listener(new Deployer.Listener() {
                @Override
                public void deployed(Deployment d, long millis) {
                    beans.deployed(d.contextPath(), d.source().toString(), d.context(), millis);
                }

                @Override
                public void undeployed(Deployment d) {
                    beans.undeployed(d.contextPath());
                }
            });
            watcher.deployAll();
            watcher.start(settings.scanIntervalMillis());
            gate.open();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private Realm realm() throws IOException {
        Path users = settings.home().resolve("conf/users.properties");
        Path certUsers = settings.home().resolve("conf/cert-users.properties");
        if (!Files.isRegularFile(users) && !Files.isRegularFile(certUsers)) {
            return null;
        }
        PropertiesRealm realm = Files.isRegularFile(users) ? PropertiesRealm.load(users) : PropertiesRealm.of(new java.util.Properties());
        // CLIENT-CERT users: certificate subject to user name and roles
        return Files.isRegularFile(certUsers) ? realm.certificateUsers(CertificateUsers.load(certUsers)) : realm;
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

    /** The apps whose latest deployment failed, as "file (context path)", sorted; empty when none. */
    public List<String> failedApps() {
        return watcher.failures().keySet().stream()
                .map(p -> p.getFileName() + " (" + Deployer.display(ContextPaths.contextPathOf(p)) + ")")
                .sorted().collect(Collectors.toList());
    }

    /** The URL a browser can use, naming localhost when bound to every address. */
    public String url() {
        String h = settings.engine().host();
        if (h.equals("0.0.0.0") || h.equals("::") || h.isEmpty()) {
            h = "localhost";
        } else if (h.contains(":")) {
            h = "[" + h + "]";
        }
        String https = engine != null && engine.httpsPort() >= 0 ? "https://" + h + ":" + engine.httpsPort() + "/" : "";
        if (port() < 0) {
            return https; // port=-1: HTTPS only
        }
        return "http://" + h + ":" + port() + "/" + (https.isEmpty() ? "" : " and " + https);
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
        if (monitoring != null) {
            monitoring.close();
            monitoring = null;
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
        installLogManager(); // first: so what the graceful stop logs is not lost
        CommandLine cl;
        ServerSettings settings;
        try {
            cl = CommandLine.parse(args);
            if (cl.command() == CommandLine.Command.VERSION) {
                System.out.println(Version.describe());
                System.exit(0);
                return;
            }
            settings = ServerSettings.load(cl.base(), cl.port(), cl.webapps());
            if (cl.command() == CommandLine.Command.CHECK_CONFIG) {
                System.out.println(ConfigCheck.check(settings));
                System.exit(0);
                return;
            }
            Files.createDirectories(settings.logs());
            configureLogging(cl.base());
            if (!cl.consoleLog()) {
                withoutConsoleLog();
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("subito: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        Server server = new Server(settings);
        // before the start: a SIGTERM while the apps deploy (or right after the banner) stops gracefully too
        ShutdownHook hook = ShutdownHook.register(server);
        try {
            server.start();
        } catch (BindException e) {
            System.err.println("subito: " + e.getMessage() + " (is another server using port "
                    + settings.engine().port() + "?)");
            System.exit(EXIT_PORT_IN_USE);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("subito: cannot start: " + e);
            System.exit(EXIT_CANNOT_START);
            return;
        }
        List<String> failed = server.failedApps();
        if (!failed.isEmpty() && settings.failOnDeployError()) {
            System.err.println("subito: " + failed.size() + " app(s) failed to deploy: " + String.join(", ", failed)
                    + "; stopping, since failOnDeployError=true (the log has the causes)");
            server.close();
            System.exit(EXIT_DEPLOY_FAILED);
            return;
        }
        StatusFile.start(server, cl.statusFile(), settings.scanIntervalMillis()); // for bin/start.sh status
        hook.serving(); // before the banner: whoever reads it may stop the server at once
        System.out.println(banner(server, settings, (System.nanoTime() - t0) / 1_000_000, failed));
        hook.awaitStop();
    }

    /** The line bin/start.sh waits for: printed once every app present at start has deployed or failed. */
    private static String banner(Server server, ServerSettings settings, long msInMain, List<String> failed) {
        String apps = server.deployer().deployments().stream().map(d -> Deployer.display(d.contextPath()))
                .sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
        return "Subito serving " + server.url() + " (started in " + sinceJvmStart() + " ms from JVM start, " + msInMain
                + " ms of them in main; apps: " + (apps.isEmpty() ? "none" : apps)
                + (failed.isEmpty() ? "" : "; FAILED: " + String.join(", ", failed))
                + "; webapps: " + settings.webapps() + ")";
    }

    /**
     * Makes {@link ServerLogManager} the LogManager, unless the JVM was told another. Must run
     * before anything logs, and must not touch that class: loading it initialises LogManager,
     * which reads this property once.
     */
    private static void installLogManager() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "io.subito.deploy.ServerLogManager");
        }
    }

    /**
     * Milliseconds since the JVM started, by its own clock. (The process start time that
     * ProcessHandle reports is built on the kernel's boot time, which has whole-second
     * resolution, so it could put the launch up to a second too early or too late.)
     */
    static long sinceJvmStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /**
     * Takes the console handlers off the root logger when another handler (the log file) is
     * there to take the records: in the background the console is logs/console.out, which would
     * otherwise hold a second copy of the log. What is printed (the banner, the stop line, an
     * application's System.out) and the JVM's own messages still go there.
     */
    static void withoutConsoleLog() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Handler[] handlers = root.getHandlers();
        boolean fileToo = java.util.Arrays.stream(handlers).anyMatch(h -> !(h instanceof java.util.logging.ConsoleHandler));
        if (!fileToo) {
            return; // the console is the only log there is: keep it
        }
        for (java.util.logging.Handler h : handlers) {
            if (h instanceof java.util.logging.ConsoleHandler) {
                root.removeHandler(h);
                h.close();
            }
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
