package io.subito.container.compress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether and what to gzip: {@code compression}, {@code compressionMinBytes},
 * {@code compressibleTypes} and {@code compressionExcludedUserAgents} of {@code conf/server.properties}. Immutable; a response carries
 * one while it may be compressed, and the engine asks it at commit. The names are the keys,
 * used in every message about a setting.
 */
public final class CompressionSettings {
    public static final String COMPRESSION = "compression";
    public static final String MIN_BYTES = "compressionMinBytes";
    public static final String TYPES = "compressibleTypes";
    public static final String EXCLUDED_USER_AGENTS = "compressionExcludedUserAgents";

    /** Tomcat's default list, with SVG (XML) added and every text type. */
    public static final List<String> DEFAULT_TYPES =
            List.of("text/*", "application/json", "application/javascript", "application/xml", "image/svg+xml");

    /** Off, as Tomcat: compressing secrets beside attacker-chosen text enables BREACH. */
    public static final CompressionSettings DEFAULTS = new CompressionSettings(false, 2048, DEFAULT_TYPES);

    private final boolean enabled;
    private final int minBytes;
    private final List<String> types;
    /** {@code type/*} entries as {@code type/}, matched as prefixes; the rest matched whole. */
    private final String[] prefixes;
    private final String[] exact;
    private final List<String> excludedUserAgents;
    /** The excluded agents' expressions as one alternation; null when there are none (nothing to look at). */
    private final Pattern excludedAgents;

    /**
     * @param enabled  false: nothing is compressed
     * @param minBytes a body whose length is known and smaller is sent as it is
     * @param types    media types ({@code type/subtype}) or whole top-level types ({@code type/*})
     * @throws IllegalArgumentException naming the setting, for a value that is wrong
     */
    public CompressionSettings(boolean enabled, int minBytes, List<String> types) {
        this(enabled, minBytes, types, List.of());
    }

    /**
     * @param excludedUserAgents regular expressions: a request whose whole {@code User-Agent}
     *                           value matches one gets no compressed response (Tomcat's
     *                           {@code noCompressionUserAgents}, Spring Boot's
     *                           {@code server.compression.excluded-user-agents})
     * @throws IllegalArgumentException naming the setting, for a value that is wrong
     */
    public CompressionSettings(boolean enabled, int minBytes, List<String> types, List<String> excludedUserAgents) {
        if (minBytes < 0) {
            throw new IllegalArgumentException(MIN_BYTES + "=" + minBytes + " is out of range [0, " + Integer.MAX_VALUE + "]");
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException(TYPES + " is empty: name at least one type, or set " + COMPRESSION + "=off");
        }
        List<String> p = new ArrayList<>();
        List<String> e = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (String t : types) {
            String type = t.trim().toLowerCase(Locale.ROOT);
            checkType(type);
            all.add(type);
            if (type.endsWith("/*")) {
                p.add(type.substring(0, type.length() - 1));
            } else {
                e.add(type);
            }
        }
        this.enabled = enabled;
        this.minBytes = minBytes;
        this.types = List.copyOf(all);
        this.prefixes = p.toArray(new String[0]);
        this.exact = e.toArray(new String[0]);
        this.excludedUserAgents = List.copyOf(excludedUserAgents);
        this.excludedAgents = compileAgents(this.excludedUserAgents);
    }

    private static Pattern compileAgents(List<String> agents) {
        if (agents.isEmpty()) {
            return null;
        }
        StringBuilder all = new StringBuilder();
        for (String a : agents) {
            try {
                Pattern.compile(a); // alone first, so that the message names the one that is wrong
            } catch (PatternSyntaxException ex) {
                throw new IllegalArgumentException(EXCLUDED_USER_AGENTS + ": '" + a + "' is not a regular expression: "
                        + ex.getDescription());
            }
            all.append(all.length() == 0 ? "" : "|").append("(?:").append(a).append(')');
        }
        return Pattern.compile(all.toString());
    }

    private static void checkType(String type) {
        int slash = type.indexOf('/');
        boolean ok = slash > 0 && slash < type.length() - 1 && type.indexOf('/', slash + 1) < 0;
        for (int i = 0; ok && i < type.length(); i++) {
            char c = type.charAt(i);
            ok = c == '/' || c == '*' && i == type.length() - 1 && i == slash + 1 || isTokenChar(c) && c != '*';
        }
        if (!ok) {
            throw new IllegalArgumentException(TYPES + ": '" + type + "' is not a media type (type/subtype or type/*)");
        }
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /** The comma-separated list of {@code compressibleTypes} or {@code compressionExcludedUserAgents}. */
    public static List<String> parseTypes(String list) {
        List<String> out = new ArrayList<>();
        for (String t : list.split(",")) {
            if (!t.isBlank()) {
                out.add(t.trim());
            }
        }
        return out;
    }

    public boolean enabled() {
        return enabled;
    }

    public int minBytes() {
        return minBytes;
    }

    public List<String> types() {
        return types;
    }

    public List<String> excludedUserAgents() {
        return excludedUserAgents;
    }

    public CompressionSettings withEnabled(boolean on) {
        return new CompressionSettings(on, minBytes, types, excludedUserAgents);
    }

    public CompressionSettings withMinBytes(int bytes) {
        return new CompressionSettings(enabled, bytes, types, excludedUserAgents);
    }

    public CompressionSettings withTypes(List<String> list) {
        return new CompressionSettings(enabled, minBytes, list, excludedUserAgents);
    }

    public CompressionSettings withExcludedUserAgents(List<String> agents) {
        return new CompressionSettings(enabled, minBytes, types, agents);
    }

    /** Whether some User-Agent is excluded at all (when not, the request's is never looked at). */
    public boolean excludesUserAgents() {
        return excludedAgents != null;
    }

    /** Whether a client with this User-Agent value (null: the request had none) gets no compressed response. */
    public boolean excludesUserAgent(String userAgent) {
        return excludedAgents != null && userAgent != null && excludedAgents.matcher(userAgent).matches();
    }

    /**
     * Whether a response of this Content-Type value (parameters allowed) is worth compressing.
     * Compares in place: nothing is allocated per response.
     */
    public boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        if (end < 0) {
            end = contentType.length();
        }
        while (end > 0 && (contentType.charAt(end - 1) == ' ' || contentType.charAt(end - 1) == '\t')) {
            end--;
        }
        for (String e : exact) {
            if (end == e.length() && contentType.regionMatches(true, 0, e, 0, end)) {
                return true;
            }
        }
        for (String p : prefixes) {
            if (end > p.length() && contentType.regionMatches(true, 0, p, 0, p.length())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return COMPRESSION + "=" + (enabled ? "on" : "off") + ", " + MIN_BYTES + "=" + minBytes + ", " + TYPES + "="
                + String.join(",", types) + (excludedUserAgents.isEmpty() ? ""
                : ", " + EXCLUDED_USER_AGENTS + "=" + String.join(",", excludedUserAgents));
    }
}
