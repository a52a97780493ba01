package io.subito.servlet.mapping;

import io.subito.servlet.registration.PatternMatcher;
import io.subito.servlet.registration.ServletHolder;
import jakarta.servlet.http.MappingMatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Maps a path within the context to a servlet by the rules of Servlet 6.1 section 12.1:
 * exact, longest path prefix, welcome files (as Tomcat does), extension, then default.
 */
public final class ServletMapper {
    private final Map<String, Match> exact = new ConcurrentHashMap<>();
    private final Map<String, ServletHolder> prefix = new ConcurrentHashMap<>();
    private final Map<String, ServletHolder> extension = new ConcurrentHashMap<>();
    private final Map<String, ServletHolder> patterns = new HashMap<>();
    private volatile ServletHolder contextRoot;
    private volatile ServletHolder defaultServlet;
    /**
     * The last match made by the default mapping: an application behind one front servlet at "/"
     * (Spring's DispatcherServlet) asks for the same few paths again and again, and a match is
     * immutable, so the last one serves the next request to the same path.
     */
    private volatile Match lastDefault;

    public synchronized void add(String pattern, ServletHolder holder) {
        if (!PatternMatcher.isValid(pattern)) {
            throw new IllegalArgumentException("invalid URL pattern '" + pattern + "'");
        }
        ServletHolder previous = patterns.put(pattern, holder);
        if (previous != null && previous != holder) {
            previous.unmap(pattern);
        }
        if (pattern.isEmpty()) {
            contextRoot = holder;
        } else if (pattern.equals("/")) {
            defaultServlet = holder;
        } else if (pattern.startsWith("*.")) {
            extension.put(pattern.substring(2), holder);
        } else if (pattern.endsWith("/*")) {
            prefix.put(pattern.substring(0, pattern.length() - 2), holder);
        } else {
            exact.put(pattern, new Match(holder, pattern, null, MappingMatch.EXACT, pattern, pattern.substring(1)));
        }
    }

    public synchronized ServletHolder holderFor(String pattern) {
        return patterns.get(pattern);
    }

    /**
     * Maps {@code path} ("/..." or "" for the context root). {@code welcomeFiles} and
     * {@code exists} let a directory request map to a welcome resource; both may be empty/absent.
     */
    public Match map(String path, List<String> welcomeFiles, Predicate<String> exists) {
        if (path.isEmpty() || path.equals("/")) {
            ServletHolder root = contextRoot;
            if (root != null) {
                return new Match(root, "", "/", MappingMatch.CONTEXT_ROOT, "", "");
            }
        }
        Match m = exactOrPrefix(path);
        if (m != null) {
            return m;
        }
        if (path.endsWith("/") && !welcomeFiles.isEmpty()) {
            m = welcome(path, welcomeFiles, exists);
            if (m != null) {
                return m;
            }
        }
        m = byExtension(path);
        if (m != null) {
            return m;
        }
        return byDefault(path);
    }

    private Match exactOrPrefix(String path) {
        Match m = exact.get(path);
        if (m != null) {
            return m;
        }
        if (prefix.isEmpty()) {
            return null;
        }
        // longest prefix first: try the path itself, then each shorter segment boundary
        String candidate = path;
        while (true) {
            ServletHolder h = prefix.get(candidate);
            if (h != null) {
                String pathInfo = candidate.length() == path.length() ? null : path.substring(candidate.length());
                return new Match(h, candidate, pathInfo, MappingMatch.PATH, candidate + "/*",
                        pathInfo == null ? "" : pathInfo.substring(1));
            }
            int slash = candidate.lastIndexOf('/');
            if (slash < 0) {
                return null;
            }
            candidate = candidate.substring(0, slash);
        }
    }

    private Match welcome(String dir, List<String> welcomeFiles, Predicate<String> exists) {
        for (String w : welcomeFiles) {
            Match m = exactOrPrefix(dir + w);
            if (m != null) {
                return m;
            }
        }
        for (String w : welcomeFiles) {
            String candidate = dir + w;
            if (exists.test(candidate)) {
                Match m = byExtension(candidate);
                return m != null ? m : byDefault(candidate);
            }
        }
        return null;
    }

    private Match byExtension(String path) {
        if (extension.isEmpty()) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash) {
            return null;
        }
        String ext = path.substring(dot + 1);
        ServletHolder h = extension.get(ext);
        if (h == null) {
            return null;
        }
        return new Match(h, path, null, MappingMatch.EXTENSION, "*." + ext, path.substring(1, dot));
    }

    private Match byDefault(String path) {
        ServletHolder h = defaultServlet;
        if (h == null) {
            return null;
        }
        String servletPath = path.isEmpty() ? "/" : path;
        Match last = lastDefault;
        if (last != null && last.holder() == h && last.servletPath().equals(servletPath)) {
            return last;
        }
        Match m = new Match(h, servletPath, null, MappingMatch.DEFAULT, "/", "");
        lastDefault = m;
        return m;
    }
}
