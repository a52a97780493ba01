package io.subito.deploy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Refuses settings nobody reads: a key in the file, a {@code -Dsubito.KEY} or a
 * {@code SUBITO_KEY} that the parsing code never asked {@link LayeredProperties} for is a typo
 * or a setting from another version, and silently ignoring it would leave the server running
 * on a default its operator thought was changed.
 */
public final class UnknownKeys {
    /**
     * The launcher's own names, not settings: {@code SUBITO_HOME}, {@code SUBITO_BASE} (where the
     * installation and the instance are), {@code SUBITO_CDS} (class-data sharing), and
     * {@code -Dsubito.home} / {@code -Dsubito.base}, which bin/start.sh passes to the JVM.
     */
    public static final Set<String> LAUNCHER_NAMES = Set.of("home", "base", "cds");

    private UnknownKeys() {
    }

    /**
     * Call once the settings have been parsed from {@code p}.
     *
     * @throws IllegalArgumentException naming every unknown key and where it was set, each with
     *         the closest known key if one is near
     */
    public static void check(LayeredProperties p) {
        Set<String> known = p.asked();
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(p.fileKeys())) {
            if (!known.contains(key)) {
                problems.add("unknown key " + key + " in " + p.fileName() + ClosestKey.hint(key, known, k -> k));
            }
        }
        for (String name : new TreeSet<>(p.system().keySet())) {
            String key = name.startsWith(LayeredProperties.SYSTEM_PREFIX)
                    ? name.substring(LayeredProperties.SYSTEM_PREFIX.length()) : null;
            if (key != null && !known.contains(key) && !LAUNCHER_NAMES.contains(key)) {
                problems.add("unknown system property -D" + name + ClosestKey.hint(key, known,
                        k -> "-D" + LayeredProperties.SYSTEM_PREFIX + k));
            }
        }
        Set<String> knownVariables = known.stream().map(LayeredProperties::envName).collect(Collectors.toSet());
        for (String name : new TreeSet<>(p.env().keySet())) {
            String key = name.startsWith(LayeredProperties.ENV_PREFIX)
                    ? name.substring(LayeredProperties.ENV_PREFIX.length()).toLowerCase(Locale.ROOT) : null;
            if (key != null && !knownVariables.contains(name) && !LAUNCHER_NAMES.contains(key)) {
                problems.add("unknown environment variable " + name + ClosestKey.hint(key, known, LayeredProperties::envName));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
