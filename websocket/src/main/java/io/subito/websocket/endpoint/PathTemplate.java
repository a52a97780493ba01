package io.subito.websocket.endpoint;

import jakarta.websocket.DeploymentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code @ServerEndpoint} path: segments that are literal or a {@code {name}} variable (a URI
 * template level 1, Jakarta WebSocket 2.2 section 3.1.1). A request path matches with the same
 * number of segments, each literal equal and each variable non-empty.
 */
public final class PathTemplate implements Comparable<PathTemplate> {
    private final String path;
    /** Per segment: the literal, or null for a variable. */
    private final String[] literals;
    private final String[] names;

    private PathTemplate(String path, String[] literals, String[] names) {
        this.path = path;
        this.literals = literals;
        this.names = names;
    }

    public static PathTemplate parse(String path) throws DeploymentException {
        if (path == null || !path.startsWith("/")) {
            throw new DeploymentException("a WebSocket endpoint path must start with '/': " + path);
        }
        String[] segs = segments(path);
        String[] literals = new String[segs.length];
        String[] names = new String[segs.length];
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < segs.length; i++) {
            String s = segs[i];
            if (s.startsWith("{") && s.endsWith("}") && s.length() > 2) {
                String name = s.substring(1, s.length() - 1);
                if (name.contains("{") || name.contains("}") || seen.contains(name)) {
                    throw new DeploymentException("bad path variable " + s + " in " + path);
                }
                seen.add(name);
                names[i] = name;
            } else if (s.contains("{") || s.contains("}")) {
                throw new DeploymentException("a path variable must be a whole segment: " + path);
            } else {
                literals[i] = s;
            }
        }
        return new PathTemplate(path, literals, names);
    }

    private static String[] segments(String path) {
        if (path.equals("/")) {
            return new String[] {""};
        }
        return path.substring(1).split("/", -1);
    }

    public String path() {
        return path;
    }

    public boolean hasVariables() {
        for (String n : names) {
            if (n != null) {
                return true;
            }
        }
        return false;
    }

    /** The variables' values when {@code requestPath} matches, else null. */
    public Map<String, String> match(String requestPath) {
        String[] segs = segments(requestPath);
        if (segs.length != literals.length) {
            return null;
        }
        Map<String, String> vars = null;
        for (int i = 0; i < segs.length; i++) {
            if (literals[i] != null) {
                if (!literals[i].equals(segs[i])) {
                    return null;
                }
            } else {
                if (segs[i].isEmpty()) {
                    return null;
                }
                if (vars == null) {
                    vars = new LinkedHashMap<>();
                }
                vars.put(names[i], segs[i]);
            }
        }
        return vars == null ? Collections.emptyMap() : Collections.unmodifiableMap(vars);
    }

    /** The same shape (literals in the same places, variables anywhere else): two endpoints may not share one. */
    public String shape() {
        StringBuilder b = new StringBuilder();
        for (String l : literals) {
            b.append('/').append(l == null ? "{}" : l);
        }
        return b.toString();
    }

    /** Best match first: at the first segment where two differ, a literal beats a variable (section 3.1.1). */
    @Override
    public int compareTo(PathTemplate o) {
        int n = Math.min(literals.length, o.literals.length);
        for (int i = 0; i < n; i++) {
            boolean a = literals[i] != null;
            boolean b = o.literals[i] != null;
            if (a != b) {
                return a ? -1 : 1;
            }
        }
        return Integer.compare(o.literals.length, literals.length);
    }

    @Override
    public String toString() {
        return path;
    }
}
