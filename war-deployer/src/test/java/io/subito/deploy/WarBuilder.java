package io.subito.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds WARs and jars in tests, from strings and from the compiled test classes. */
public final class WarBuilder {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Map<String, String> symlinks = new LinkedHashMap<>();

    public WarBuilder add(String name, String content) {
        return add(name, content.getBytes(StandardCharsets.UTF_8));
    }

    WarBuilder add(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    WarBuilder symlink(String name, String target) {
        symlinks.put(name, target);
        return this;
    }

    /** Adds the class files of these classes (and their nested classes) under {@code prefix}. */
    WarBuilder classes(String prefix, Class<?>... classes) {
        for (Class<?> c : classes) {
            String resource = c.getName().replace('.', '/') + ".class";
            entries.put(prefix + resource, classBytes(c));
            for (Class<?> nested : c.getDeclaredClasses()) {
                classes(prefix, nested);
            }
        }
        return this;
    }

    /** Adds these classes under {@code WEB-INF/classes/}. */
    public WarBuilder webInfClasses(Class<?>... classes) {
        return classes("WEB-INF/classes/", classes);
    }

    static byte[] classBytes(Class<?> c) {
        String resource = "/" + c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(out);
        }
        // moved into place whole, as a careful user would, so the watcher never sees half a file
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private void write(OutputStream out) {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
            for (Map.Entry<String, String> e : symlinks.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                entry.setUnixMode(0120777);
                zip.putArchiveEntry(entry);
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
