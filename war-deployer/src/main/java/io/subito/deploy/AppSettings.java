package io.subito.deploy;

import io.subito.servlet.session.store.SessionStoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * Settings that may differ per application: the server-wide value from
 * {@code conf/server.properties}, overridden for one application by
 * {@code conf/apps/NAME.properties} (NAME as the deployment is named in {@code webapps/}:
 * {@code shop} for {@code shop.war}, {@code ROOT}, {@code a#b}). They are the administrator's,
 * not the WAR's: an application cannot grant itself access to the others. The file is read at
 * each deployment, so a change applies when the application is next deployed.
 */
public final class AppSettings {
    /** Whether the application may reach other applications through {@code ServletContext.getContext}. */
    public static final String CROSS_CONTEXT = "crossContext";
    private static final Set<String> KEYS = Set.of(CROSS_CONTEXT, SessionStoreSettings.STORE);

    /** Cross-context access off for every application, no per-application files. */
    public static final AppSettings DEFAULTS = new AppSettings(false, null);

    private final boolean crossContext;
    private final Path dir;

    /**
     * @param crossContext the server-wide default
     * @param dir where the per-application files are ({@code conf/apps}), or null for none
     */
    public AppSettings(boolean crossContext, Path dir) {
        this.crossContext = crossContext;
        this.dir = dir;
    }

    /**
     * One application's settings.
     *
     * @param crossContext whether {@code getContext} reaches other applications
     * @param overrides the keys of the application's own file (empty without one), which
     *        {@link SessionStoreConfig#forApp} lays over the server-wide session store keys
     */
    public record App(boolean crossContext, Properties overrides) {
    }

    /**
     * The settings of the application deployed as {@code name}.
     *
     * @throws DeploymentException naming the file and the key, for an unknown key or a bad value
     */
    public App forApp(String name) throws DeploymentException {
        Path file = dir == null ? null : dir.resolve(name + ".properties");
        if (file == null || !Files.isRegularFile(file)) {
            return new App(crossContext, new Properties());
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new DeploymentException(file + ": cannot be read: " + e.getMessage(), e);
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key) && !key.startsWith(SessionStoreSettings.STORE + ".")) {
                throw new DeploymentException(file + ": unknown key " + key + " (known: " + KEYS + " and sessionStore.*)");
            }
        }
        try {
            return new App(ServerSettings.bool(p, CROSS_CONTEXT, crossContext), p);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AppSettings[crossContext=" + crossContext + ", dir=" + dir + "]";
    }
}
