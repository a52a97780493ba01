package io.subito.servlet.session.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sessions kept in this JVM and written to files at a graceful stop or an undeploy (as
 * Tomcat's {@code SESSIONS.ser}), one file per session under
 * {@code sessionStore.file.dir/APP/}, read back at the next start or by the redeployed
 * application. A killed server keeps nothing of what happened since its last stop.
 *
 * <p>A redeploy starts the new version before the old one stops, so the old one's sessions
 * are written after the new one has started: the new one takes a session from its file the
 * first time it is asked for, waiting (up to {@code sessionStore.file.handoffMillis}) while a
 * version of the same application in this JVM is still stopping.
 */
public final class FileStore implements SessionStore {
    private static final Logger LOG = Logger.getLogger(FileStore.class.getName());
    public static final String DIR = "sessionStore.file.dir";
    public static final String HANDOFF_MILLIS = "sessionStore.file.handoffMillis";
    private static final int MAGIC = 0x53554231; // "SUB1"
    private static final String SUFFIX = ".session";

    public static final SessionStoreProvider PROVIDER = new SessionStoreProvider() {
        @Override
        public String name() {
            return "file";
        }

        @Override
        public SessionStore open(SessionStoreSettings s) {
            Path base = s.home().resolve(s.get(DIR, "sessions"));
            return new FileStore(base.resolve(s.app()).toAbsolutePath().normalize(),
                    s.number(HANDOFF_MILLIS, 15_000, 0, 600_000));
        }
    };

    /** Open stores per directory in this JVM: more than one means a redeploy is handing over. */
    private static final Map<Path, Integer> OPEN = new HashMap<>();

    private final Path dir;
    private final long handoffMillis;
    private boolean closed;

    public FileStore(Path dir, long handoffMillis) {
        this.dir = dir;
        this.handoffMillis = handoffMillis;
        synchronized (OPEN) {
            OPEN.merge(dir, 1, Integer::sum);
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public boolean serializes() {
        return true;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void persist(List<SessionRecord> live) {
        try {
            Files.createDirectories(dir);
            for (SessionRecord r : live) {
                Path tmp = dir.resolve(r.id() + ".tmp");
                Files.write(tmp, encode(r));
                // a reader never sees half a file
                Files.move(tmp, dir.resolve(r.id() + SUFFIX), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new SessionStoreException("cannot write sessions to " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<SessionRecord> restore() {
        List<SessionRecord> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                SessionRecord r = read(name.substring(0, name.length() - SUFFIX.length()));
                if (r != null) {
                    out.add(r);
                }
            }
        } catch (IOException e) {
            throw new SessionStoreException("cannot list sessions in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public SessionRecord take(String id) {
        if (!SessionIds.isWellFormed(id)) {
            return null;
        }
        awaitHandoff();
        return read(id);
    }

    /** Reads and deletes one session's file; whoever deletes it first has it. */
    private SessionRecord read(String id) {
        Path f = dir.resolve(id + SUFFIX);
        try {
            byte[] bytes = Files.readAllBytes(f);
            if (!Files.deleteIfExists(f)) {
                return null;
            }
            return decode(bytes);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "dropping unreadable session file " + f + ": " + e);
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // reported above; the next start tries again
            }
            return null;
        }
    }

    /** While another version of this application is open in this JVM, waits for it to close. */
    private void awaitHandoff() {
        long deadline = System.currentTimeMillis() + handoffMillis;
        synchronized (OPEN) {
            while (OPEN.getOrDefault(dir, 0) > 1) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                try {
                    OPEN.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            OPEN.computeIfPresent(dir, (k, n) -> n == 1 ? null : n - 1);
            OPEN.notifyAll();
        }
    }

    /** The file format: a magic number, the times, then each attribute as name, length, bytes. */
    public static byte[] encode(SessionRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(r.id());
            out.writeLong(r.creationTime());
            out.writeLong(r.lastAccessedTime());
            out.writeInt(r.maxInactiveSeconds());
            out.writeInt(r.attributes().size());
            for (Map.Entry<String, byte[]> e : r.attributes().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static SessionRecord decode(byte[] b) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a session file");
        }
        String id = in.readUTF();
        long created = in.readLong();
        long accessed = in.readLong();
        int max = in.readInt();
        int n = in.readInt();
        if (n < 0 || n > b.length) {
            throw new IOException("bad attribute count " + n);
        }
        Map<String, byte[]> attrs = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int len = in.readInt();
            if (len < 0 || len > in.available()) {
                throw new IOException("bad attribute length " + len);
            }
            attrs.put(name, in.readNBytes(len));
        }
        return new SessionRecord(id, created, accessed, max, attrs);
    }

    @Override
    public String toString() {
        return "file store " + dir;
    }
}
