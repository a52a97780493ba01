package io.subito.servlet.lifecycle;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A context's private temporary directory, {@code jakarta.servlet.context.tempdir}. Made on first
 * use only, since most applications never ask for it, and deleted with everything in it when
 * the context stops, so that contexts leave nothing behind.
 */
public final class ScratchDir {
    private final String prefix;
    private Path parent;
    private File dir;
    private boolean deleted;

    /** @param prefix the start of the directory's name, for people looking at the disk */
    public ScratchDir(String prefix) {
        this.prefix = prefix;
    }

    /** Where the directory is to be made; null (the default) means {@code java.io.tmpdir}. */
    public synchronized void setParent(Path parent) {
        this.parent = parent;
    }

    /**
     * The directory, existing: made now if it was not yet (or was removed by the application).
     * Null once deleted, or when it cannot be made.
     */
    public synchronized File get() {
        if (deleted) {
            return null;
        }
        try {
            if (dir == null) {
                dir = create().toFile();
            } else if (!dir.isDirectory()) {
                Files.createDirectories(dir.toPath());
            }
            return dir;
        } catch (IOException e) {
            return null;
        }
    }

    private Path create() throws IOException {
        if (parent == null) {
            return Files.createTempDirectory(prefix);
        }
        return Files.createTempDirectory(Files.createDirectories(parent), prefix);
    }

    /** Deletes the directory and its content (links are removed, not followed); it is not made again. */
    public synchronized void delete() throws IOException {
        deleted = true;
        if (dir == null || !Files.exists(dir.toPath(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        FileTrees.deleteRecursively(dir.toPath());
    }
}
