package io.subito.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What tells the watcher a deployable changed: size and modification time of a WAR; for an
 * exploded directory the modification times of the entries a redeploy depends on.
 */
record Fingerprint(long size, long modified) {
    private static final List<String> EXPLODED_MARKERS =
            List.of("", "WEB-INF", "WEB-INF/web.xml", "WEB-INF/classes", "WEB-INF/lib");

    static Fingerprint of(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            long latest = 0;
            long count = 0;
            for (String m : EXPLODED_MARKERS) {
                Path f = m.isEmpty() ? p : p.resolve(m);
                if (Files.exists(f)) {
                    latest = Math.max(latest, Files.getLastModifiedTime(f).toMillis());
                    count++;
                }
            }
            return new Fingerprint(count, latest);
        }
        return new Fingerprint(Files.size(p), Files.getLastModifiedTime(p).toMillis());
    }
}
