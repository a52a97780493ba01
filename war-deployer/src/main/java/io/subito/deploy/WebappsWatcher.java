package io.subito.deploy;

import io.subito.container.guard.Guard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Keeps the running apps in line with {@code webapps/}. At start everything there is deployed;
 * then the directory is polled. A new or changed deployable is (re)deployed once its
 * {@link Fingerprint} has stayed the same for one whole poll, so a WAR being copied is left
 * alone until the copy ends; a removed one is undeployed. A deployment that fails is logged
 * with the WAR's name and the cause and is not tried again until the file changes. Polling
 * rather than a WatchService: it behaves the same on every file system, network ones included,
 * and "stopped changing" needs a timer anyway.
 */
public final class WebappsWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WebappsWatcher.class.getName());

    private final Path webapps;
    private final Deployer deployer;
    private final Map<Path, Fingerprint> lastSeen = new HashMap<>();
    /** The fingerprint of what was last tried for each source, deployed or failed. */
    private final Map<Path, Fingerprint> tried = new ConcurrentHashMap<>();
    private final Map<Path, String> failures = new ConcurrentHashMap<>();
    /** The context paths of {@link #failures}, for the request path to answer 503 at (see {@link FailedApps}). */
    private volatile String[] failedPaths = new String[0];
    private ScheduledExecutorService poller;
    private String lastPollError;

    public WebappsWatcher(Path webapps, Deployer deployer) {
        this.webapps = webapps;
        this.deployer = deployer;
    }

    /**
     * Deploys what {@code webapps/} holds now, as it is: several apps at once, one per core, since
     * a large app's start is mostly single-threaded class loading and initialisation.
     */
    public synchronized void deployAll() throws IOException {
        Map<Path, Fingerprint> now = scan();
        lastSeen.putAll(now);
        int threads = Math.max(1, Math.min(now.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "subito-deploy"));
        try {
            List<Future<?>> all = new ArrayList<>();
            now.forEach((source, fp) -> all.add(pool.submit(() -> attempt(source, fp))));
            for (Future<?> f : all) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // attempt() catches what a deployment throws
        } finally {
            pool.shutdown();
        }
    }

    /** Starts polling every {@code intervalMillis}. */
    public synchronized void start(long intervalMillis) {
        poller = Executors.newSingleThreadScheduledExecutor(Guard.threads("subito-webapps-watcher", true));
        // guarded: one poll that throws an Error (an application's, from its contextDestroyed, or
        // out of memory) would otherwise cancel the polling for good, silently
        poller.scheduleWithFixedDelay(Guard.task("the webapps/ watcher", this::pollSafely), intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
            lastPollError = null;
        } catch (IOException | RuntimeException e) {
            // said once, not every second: e.g. webapps/ on a volume that went away (the apps keep running)
            if (!String.valueOf(e).equals(lastPollError)) {
                lastPollError = String.valueOf(e);
                LOG.log(Level.WARNING, "scanning " + webapps + " failed: " + e, e);
            }
        }
    }

    /** One look at {@code webapps/}: (re)deploys what is new and settled, undeploys what is gone. */
    public synchronized void poll() throws IOException {
        Map<Path, Fingerprint> now = scan();
        for (Path gone : new HashSet<>(tried.keySet())) {
            if (!now.containsKey(gone)) {
                tried.remove(gone);
                failed(gone, null);
                deployer.undeploy(gone);
            }
        }
        for (Map.Entry<Path, Fingerprint> e : now.entrySet()) {
            Fingerprint before = lastSeen.put(e.getKey(), e.getValue());
            boolean settled = e.getValue().equals(before);
            if (settled && !e.getValue().equals(tried.get(e.getKey()))) {
                attempt(e.getKey(), e.getValue());
            }
        }
        lastSeen.keySet().retainAll(now.keySet());
    }

    private void attempt(Path source, Fingerprint fp) {
        tried.put(source, fp);
        try {
            deployer.deploy(source);
            failed(source, null);
        } catch (WarNotReadyException e) {
            failed(source, e.getMessage());
            LOG.warning(() -> "not deployed yet, will retry when it changes: " + e.getMessage() + whatServes(source));
        } catch (DeploymentException e) {
            failed(source, e.getMessage());
            LOG.log(Level.SEVERE, "deployment of " + source.getFileName() + " failed: " + e.getMessage() + whatServes(source),
                    e.getCause());
        } catch (Throwable e) {
            // an Error too (an application's own, a stack overflow in its initialisation): the app failed, not the watcher
            failed(source, String.valueOf(e));
            LOG.log(Level.SEVERE, "deployment of " + source.getFileName() + " failed: " + e + whatServes(source), e);
        }
    }

    /** For the log line of a failure: whether an earlier version keeps serving, or the path answers 503. */
    private String whatServes(Path source) {
        String cp = ContextPaths.contextPathOf(source);
        return deployer.deploymentAt(cp) != null ? " (the previous version keeps serving)"
                : "; " + Deployer.display(cp) + " answers 503 until a version of it deploys";
    }

    /** Records or (with null) clears the failure of {@code source}, and the failed context paths with it. */
    private void failed(Path source, String message) {
        // not on this: deployAll holds that while the start's deployments run in parallel and end up here
        synchronized (failures) {
            if (message == null) {
                if (failures.remove(source) == null) {
                    return;
                }
            } else {
                failures.put(source, message);
            }
            failedPaths = failures.keySet().stream().map(ContextPaths::contextPathOf).distinct().toArray(String[]::new);
        }
    }

    /** The last failure message per source whose current version failed. */
    public synchronized Map<Path, String> failures() {
        return Map.copyOf(failures);
    }

    /** The context paths whose latest deployment failed (an earlier version may still serve some). Any thread. */
    String[] failedContextPaths() {
        return failedPaths;
    }

    /**
     * The deployables now in {@code webapps/}, by name. When both {@code x.war} and {@code x/}
     * exist, the WAR wins (the directory is usually an old unpacking of it).
     */
    private Map<Path, Fingerprint> scan() throws IOException {
        Map<String, Path> byName = new TreeMap<>();
        try (Stream<Path> s = Files.list(webapps)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = ContextPaths.deploymentName(p);
                if (name != null && (!byName.containsKey(name) || Files.isRegularFile(p))) {
                    byName.put(name, p);
                }
            }
        }
        Map<Path, Fingerprint> out = new TreeMap<>();
        for (Path p : byName.values()) {
            try {
                out.put(p, Fingerprint.of(p));
            } catch (NoSuchFileException vanished) {
                // removed between listing and looking: the next poll sees it gone
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
