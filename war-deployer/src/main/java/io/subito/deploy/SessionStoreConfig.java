package io.subito.deploy;

import io.subito.deploy.config.LayeredProperties;
import io.subito.servlet.session.store.SessionStoreSettings;
import io.subito.servlet.session.store.SessionStores;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which session store each application gets: the server-wide {@code sessionStore...} keys
 * (default {@code sessionStore=file}), overridden per application by
 * {@code conf/apps/NAME.properties} (NAME is the deployment name: {@code ROOT}, {@code shop},
 * {@code a#b}), read at every deploy so a redeploy picks up a changed file.
 */
public record SessionStoreConfig(Path home, Map<String, String> serverKeys) {
    public static final String DEFAULT_STORE = "file";

    public SessionStoreConfig {
        serverKeys = Map.copyOf(serverKeys);
    }

    /**
     * The session store keys Subito's own stores read. They are asked for one by one, so that
     * {@code -Dsubito.KEY} and {@code SUBITO_KEY} override them like every other setting and
     * the unknown-key check knows them; a store from elsewhere may read further
     * {@code sessionStore.*} keys, which are taken as they are written in the file or as
     * {@code -Dsubito.sessionStore.*}.
     */
    static final Set<String> KNOWN_KEYS = Set.of(SessionStoreSettings.STORE, SessionStoreSettings.MAX_BYTES,
            SessionStoreSettings.FILTER, "sessionStore.sweepMillis", "sessionStore.file.dir",
            "sessionStore.file.handoffMillis", "sessionStore.jdbc.url", "sessionStore.jdbc.user",
            "sessionStore.jdbc.password", "sessionStore.jdbc.table", "sessionStore.jdbc.poolSize",
            "sessionStore.jdbc.timeoutMillis", "sessionStore.redis.uri", "sessionStore.redis.prefix",
            "sessionStore.redis.timeoutMillis");

    /** The {@code sessionStore} keys of the server's properties; a store name nobody provides is refused. */
    static SessionStoreConfig from(Path home, Properties p) {
        Set<String> names = new TreeSet<>(KNOWN_KEYS);
        names.addAll(p.stringPropertyNames());
        if (p instanceof LayeredProperties layered) {
            names.addAll(layered.systemKeys());
        }
        Map<String, String> keys = new HashMap<>();
        for (String k : names) {
            if (isStoreKey(k)) {
                String v = p.getProperty(k);
                if (v != null) {
                    keys.put(k, v.trim());
                }
            }
        }
        keys.putIfAbsent(SessionStoreSettings.STORE, DEFAULT_STORE);
        SessionStores.check(keys.get(SessionStoreSettings.STORE));
        return new SessionStoreConfig(home, keys);
    }

    private static boolean isStoreKey(String k) {
        return k.equals(SessionStoreSettings.STORE) || k.startsWith(SessionStoreSettings.STORE + ".");
    }

    private static Map<String, String> storeKeys(Properties p) {
        Map<String, String> keys = new HashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (isStoreKey(k)) {
                keys.put(k, p.getProperty(k).trim());
            }
        }
        return keys;
    }

    /**
     * The settings of the application deployed as {@code name}: the server-wide keys with the
     * {@code sessionStore} keys of the application's own file ({@link AppSettings}) laid over them.
     *
     * @throws DeploymentException naming the file for an unknown store
     */
    SessionStoreSettings forApp(String name, Properties appOverrides) throws DeploymentException {
        Map<String, String> keys = new HashMap<>(serverKeys);
        Map<String, String> own = storeKeys(appOverrides);
        if (!own.isEmpty()) {
            keys.putAll(own);
            try {
                SessionStores.check(keys.get(SessionStoreSettings.STORE));
            } catch (IllegalArgumentException e) {
                Path file = home.resolve("conf/apps").resolve(name + ".properties");
                throw new DeploymentException(file + ": " + e.getMessage(), e);
            }
        }
        return new SessionStoreSettings(name, home, keys);
    }
}
