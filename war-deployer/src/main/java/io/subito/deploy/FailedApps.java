package io.subito.deploy;

import io.subito.container.HttpExchange;
import io.subito.container.HttpHandler;
import io.subito.servlet.ServletHost;
import io.subito.servlet.WebAppContext;

/**
 * Answers 503 for requests to an app whose deployment failed, instead of letting a shorter
 * context (ROOT, typically) answer 404 for a path that is not its own: a request belongs to the
 * failed app when the failed context path is the longest one that matches it. An earlier version
 * of the app that still serves (a failed redeploy) keeps serving, since it matches as long.
 * Costs one volatile read per request while nothing has failed.
 */
final class FailedApps implements HttpHandler {
    private final WebappsWatcher watcher;
    private final ServletHost host;
    private final HttpHandler next;

    FailedApps(WebappsWatcher watcher, ServletHost host, HttpHandler next) {
        this.watcher = watcher;
        this.host = host;
        this.next = next;
    }

    @Override
    public void handle(HttpExchange ex) throws Exception {
        String[] failed = watcher.failedContextPaths();
        if (failed.length != 0 && belongsToAFailedApp(failed, ex.request().path())) {
            Unavailable.answer(ex, 0);
            return;
        }
        next.handle(ex);
    }

    private boolean belongsToAFailedApp(String[] failed, String path) {
        if (path == null || !path.startsWith("/")) {
            return false;
        }
        int longest = -1;
        for (String cp : failed) {
            if (cp.length() > longest && matches(cp, path)) {
                longest = cp.length();
            }
        }
        if (longest < 0) {
            return false;
        }
        WebAppContext serving = host.contextFor(path);
        return serving == null || serving.getContextPath().length() < longest;
    }

    /** Whether {@code path} is at or under the context path {@code cp} ("" is ROOT). */
    static boolean matches(String cp, String path) {
        return cp.isEmpty() || path.startsWith(cp) && (path.length() == cp.length() || path.charAt(cp.length()) == '/');
    }
}
