package io.subito.deploy.config;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's settings as the code that parses them sees them. For each key, the first of:
 * <ol>
 * <li>the command line ({@code bin/start.sh --port 9090}, {@code --webapps DIR});</li>
 * <li>the system property {@code subito.KEY} ({@code JAVA_OPTS="-Dsubito.port=9090"});</li>
 * <li>the environment variable {@code SUBITO_KEY}: the key in upper case, dots as underscores
 * ({@code SUBITO_PORT=9090}, {@code SUBITO_MAXFORMBYTES=65536});</li>
 * <li>the file, {@code conf/server.properties}.</li>
 * </ol>
 * It remembers every key it is asked for: a key is known because the parsing code reads it, so
 * a key added anywhere that parsing happens is overridable and checked by {@link UnknownKeys}
 * without a list of keys to keep in step. The parsing code must therefore read every key it
 * knows, whatever the other values are.
 */
public final class LayeredProperties extends Properties {
    public static final String SYSTEM_PREFIX = "subito.";
    public static final String ENV_PREFIX = "SUBITO_";

    /** Where a value came from, highest precedence first. */
    public enum Source {
        COMMAND_LINE, SYSTEM_PROPERTY, ENVIRONMENT, FILE, DEFAULT
    }

    private static final java.util.regex.Pattern LEADING_KEY = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

    private final String fileName;
    private final Set<String> fileKeys;
    private final Map<String, String> commandLine;
    private final Map<String, String> system;
    private final Map<String, String> env;
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    /**
     * @param file the file's keys and values
     * @param fileName how messages name the file
     * @param commandLine keys set by command-line options
     * @param system the JVM's system properties ({@code subito.*} are looked at)
     * @param env the environment ({@code SUBITO_*} are looked at)
     */
    public LayeredProperties(Properties file, String fileName, Map<String, String> commandLine,
            Map<String, String> system, Map<String, String> env) {
        super.putAll(file);
        this.fileName = fileName;
        this.fileKeys = Set.copyOf(file.stringPropertyNames());
        this.commandLine = Map.copyOf(commandLine);
        this.system = Map.copyOf(system);
        this.env = Map.copyOf(env);
    }

    /** The JVM's system properties as a map of strings. */
    public static Map<String, String> systemProperties() {
        Map<String, String> out = new java.util.HashMap<>();
        Properties p = System.getProperties();
        for (String name : p.stringPropertyNames()) {
            out.put(name, p.getProperty(name));
        }
        return out;
    }

    /** {@code SUBITO_} + the key in upper case with dots as underscores. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    @Override
    public String getProperty(String key) {
        asked.add(key);
        return switch (source(key)) {
            case COMMAND_LINE -> commandLine.get(key);
            case SYSTEM_PROPERTY -> system.get(SYSTEM_PREFIX + key);
            case ENVIRONMENT -> env.get(envName(key));
            case FILE -> super.getProperty(key);
            case DEFAULT -> null;
        };
    }

    @Override
    public String getProperty(String key, String defaultValue) {
        String v = getProperty(key);
        return v == null ? defaultValue : v;
    }

    /** Which layer gives {@code key} its value. */
    public Source source(String key) {
        if (commandLine.containsKey(key)) {
            return Source.COMMAND_LINE;
        } else if (system.containsKey(SYSTEM_PREFIX + key)) {
            return Source.SYSTEM_PROPERTY;
        } else if (env.containsKey(envName(key))) {
            return Source.ENVIRONMENT;
        } else if (super.getProperty(key) != null) {
            return Source.FILE;
        }
        return Source.DEFAULT;
    }

    /** How a message names the place {@code key}'s value came from: {@code SUBITO_PORT}, {@code -Dsubito.port}... */
    public String origin(String key) {
        return switch (source(key)) {
            case COMMAND_LINE -> "the command line";
            case SYSTEM_PROPERTY -> "-D" + SYSTEM_PREFIX + key;
            case ENVIRONMENT -> envName(key);
            case FILE, DEFAULT -> fileName;
        };
    }

    /**
     * A parsing error's message with where the value came from in front. The messages start with
     * the key ({@code port=http is not a number}), so {@code SUBITO_PORT: port=http ...} says the
     * value came from the environment, not from the file.
     */
    public String locate(String message) {
        java.util.regex.Matcher m = LEADING_KEY.matcher(message);
        String key = m.lookingAt() ? m.group() : null;
        return (key != null && asked.contains(key) ? origin(key) : fileName) + ": " + message;
    }

    public String fileName() {
        return fileName;
    }

    /** The keys given as {@code -Dsubito.KEY}, without the prefix. */
    public Set<String> systemKeys() {
        Set<String> keys = new java.util.HashSet<>();
        for (String name : system.keySet()) {
            if (name.startsWith(SYSTEM_PREFIX) && name.length() > SYSTEM_PREFIX.length()) {
                keys.add(name.substring(SYSTEM_PREFIX.length()));
            }
        }
        return keys;
    }

    /** The keys the parsing code asked for: the known keys. */
    public Set<String> asked() {
        return Set.copyOf(asked);
    }

    Set<String> fileKeys() {
        return fileKeys;
    }

    Map<String, String> system() {
        return system;
    }

    Map<String, String> env() {
        return env;
    }

    @Override
    public synchronized boolean equals(Object o) {
        return this == o;
    }

    @Override
    public synchronized int hashCode() {
        return System.identityHashCode(this);
    }
}
