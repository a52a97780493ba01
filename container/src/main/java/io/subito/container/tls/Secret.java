package io.subito.container.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A password, read when needed from a file ({@code KEY + "File"}) or an environment variable
 * ({@code KEY + "Env"}, its name), never from the settings file itself, and never printed:
 * {@link #toString} names only where it comes from.
 */
public final class Secret {
    private final String key;
    private final Path file;
    private final String env;
    private final char[] value;

    private Secret(String key, Path file, String env, char[] value) {
        this.key = key;
        this.file = file;
        this.env = env;
        this.value = value;
    }

    /** The secret named by {@code key}File or {@code key}Env in {@code p}; null when neither is set. */
    static Secret from(Properties p, String key) {
        String f = p.getProperty(key + "File");
        String e = p.getProperty(key + "Env");
        if (f != null && !f.isBlank() && e != null && !e.isBlank()) {
            throw new IllegalArgumentException(key + "File and " + key + "Env are exclusive: give one of them");
        }
        if (f != null && !f.isBlank()) {
            return new Secret(key + "File", Path.of(f.trim()), null, null);
        }
        if (e != null && !e.isBlank()) {
            return new Secret(key + "Env", null, e.trim(), null);
        }
        return null;
    }

    /** A password given directly (embedded API, tests). */
    public static Secret of(char[] value) {
        return value == null ? null : new Secret("password", null, null, value.clone());
    }

    /** The password; fails naming the setting (never the value) when the file or variable is missing. */
    char[] reveal() {
        if (value != null) {
            return value.clone();
        }
        if (file != null) {
            try {
                String s = Files.readString(file, StandardCharsets.UTF_8);
                // one line: a trailing newline is not part of the password
                return s.strip().toCharArray();
            } catch (IOException ex) {
                throw new IllegalArgumentException(key + "=" + file + ": cannot read the password file (" + ex.getClass().getSimpleName() + ")");
            }
        }
        String v = System.getenv(env);
        if (v == null) {
            throw new IllegalArgumentException(key + "=" + env + ": the environment variable is not set");
        }
        return v.toCharArray();
    }

    /** Which setting gave it, for messages: never the value. */
    String origin() {
        return key;
    }

    @Override
    public String toString() {
        return "secret from " + key;
    }
}
