package io.subito.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this server was built as (written into version.properties by the build). */
final class Version {
    private Version() {
    }

    /** e.g. {@code 0.1.0}. */
    static String number() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the server's jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    /** What {@code bin/start.sh --version} prints: Subito's version and the Java it runs on. */
    static String describe() {
        return "Subito " + number() + "\nJava " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ", " + System.getProperty("java.home") + ")\n"
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }
}
