package io.subito.servlet.multipart;

import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;

/**
 * One part of a multipart/form-data body: its header section as sent, and its content either in
 * memory or in a temp file of the request (see {@link PartStore}). Kept small on purpose, since
 * a request may carry many parts.
 */
final class FormPart implements Part {
    private final byte[] head;
    private final Charset headerCharset;
    private final String name;
    private final String fileName;
    private final long size;
    private final Path location;
    private byte[] memory;
    private Path file;
    /** False once the application has moved the file away with write(): then it is the application's. */
    private boolean fileIsTemporary;

    FormPart(byte[] head, Charset headerCharset, String name, String fileName, long size, Path location,
             byte[] memory, Path file) {
        this.head = head;
        this.headerCharset = headerCharset;
        this.name = name;
        this.fileName = fileName;
        this.size = size;
        this.location = location;
        this.memory = memory;
        this.file = file;
        this.fileIsTemporary = file != null;
    }

    boolean isInMemory() {
        return memory != null;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        if (memory != null) {
            return new ByteArrayInputStream(memory);
        }
        if (file == null) {
            throw new IOException("part " + name + " was deleted");
        }
        return Files.newInputStream(file);
    }

    String text(Charset cs) throws IOException {
        if (memory != null) {
            return new String(memory, cs);
        }
        try (InputStream in = getInputStream()) {
            return new String(in.readAllBytes(), cs);
        }
    }

    @Override
    public String getContentType() {
        return getHeader("Content-Type");
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getSubmittedFileName() {
        return fileName;
    }

    @Override
    public long getSize() {
        return size;
    }

    /** Relative names are resolved against the multipart location (Servlet 6.1 Part.write). */
    @Override
    public void write(String target) throws IOException {
        Path p = Path.of(target);
        if (!p.isAbsolute()) {
            p = location.resolve(target);
        }
        if (memory != null) {
            Files.write(p, memory);
        } else if (file != null) {
            Files.move(file, p, StandardCopyOption.REPLACE_EXISTING);
            file = p; // still readable through this part, but no longer deleted with the request
            fileIsTemporary = false;
        } else {
            throw new IOException("part " + name + " was deleted");
        }
    }

    @Override
    public void delete() throws IOException {
        memory = null;
        Path f = file;
        file = null;
        if (f != null && fileIsTemporary) {
            Files.deleteIfExists(f);
        }
    }

    @Override
    public String getHeader(String n) {
        return PartHeaders.get(head, headerCharset, n);
    }

    @Override
    public Collection<String> getHeaders(String n) {
        return List.copyOf(PartHeaders.values(head, headerCharset, n, false));
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.copyOf(PartHeaders.values(head, headerCharset, null, false));
    }

    @Override
    public String toString() {
        return "Part[" + name + (fileName != null ? ", file " + fileName : "") + ", " + size + " bytes "
                + (memory != null ? "in memory" : file != null ? "in " + file : "deleted") + "]";
    }
}
