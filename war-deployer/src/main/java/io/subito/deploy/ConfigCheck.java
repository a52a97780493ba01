package io.subito.deploy;

import io.subito.servlet.security.PropertiesRealm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code bin/start.sh --check-config}: reads everything in {@code conf/} that a start reads, as a
 * start reads it (overrides included), without binding a port or deploying anything.
 * {@code server.properties} has been read by then ({@link ServerSettings#load}); this adds the
 * realm, the per-application files and the logging configuration.
 */
final class ConfigCheck {
    private ConfigCheck() {
    }

    /**
     * @return a line saying what was checked and where the server would listen
     * @throws IllegalArgumentException naming the file and the cause, for the first file that is wrong
     */
    static String check(ServerSettings settings) throws IOException {
        Path conf = settings.home().resolve("conf");
        List<String> read = new ArrayList<>();
        if (Files.isRegularFile(conf.resolve("server.properties"))) {
            read.add("server.properties");
        }
        Path users = conf.resolve("users.properties");
        if (Files.isRegularFile(users)) {
            try {
                PropertiesRealm.load(users);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(users + ": " + e.getMessage(), e);
            }
            read.add("users.properties");
        }
        Path logging = conf.resolve("logging.properties");
        if (Files.isRegularFile(logging)) {
            try (InputStream in = Files.newInputStream(logging)) {
                new Properties().load(in);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(logging + ": " + e.getMessage(), e);
            }
            read.add("logging.properties");
        }
        Path apps = conf.resolve("apps");
        if (Files.isDirectory(apps)) {
            try (Stream<Path> files = Files.list(apps)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                    String name = f.getFileName().toString();
                    try {
                        settings.apps().forApp(name.substring(0, name.length() - ".properties".length()));
                    } catch (DeploymentException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                    read.add("apps/" + name);
                }
            }
        }
        return "configuration OK: " + conf + " (" + (read.isEmpty() ? "no files: every default" : String.join(", ", read))
                + "); would listen on " + settings.engine().host() + ":" + settings.engine().port()
                + " and deploy from " + settings.webapps();
    }
}
