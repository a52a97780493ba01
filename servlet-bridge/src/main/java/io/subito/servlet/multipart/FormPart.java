package io.subito.servlet.multipart;

import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One part of a multipart/form-data body, in memory or (above the threshold) in a temp file. */
final class FormPart implements Part {
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final String name;
    private final String fileName;
    private byte[] data;
    private Path file;
    private final long size;
    private final Path location;

    FormPart(Map<String, List<String>> headers, String name, String fileName, byte[] data, long threshold,
             Path location) throws IOException {
        this.headers.putAll(headers);
        this.name = name;
        this.fileName = fileName;
        this.size = data.length;
        this.location = location;
        if (threshold > 0 && data.length > threshold) {
            Files.createDirectories(location);
            file = Files.createTempFile(location, "subito-part-", ".tmp");
            Files.write(file, data);
        } else {
            this.data = data;
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(data);
    }

    byte[] bytes() throws IOException {
        return file != null ? Files.readAllBytes(file) : data;
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

    @Override
    public void write(String target) throws IOException {
        Path p = Path.of(target);
        if (!p.isAbsolute()) {
            p = location.resolve(target);
        }
        if (file != null) {
            Files.move(file, p, StandardCopyOption.REPLACE_EXISTING);
            file = p;
        } else {
            Files.write(p, data);
        }
    }

    @Override
    public void delete() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
            file = null;
            data = new byte[0];
        }
    }

    @Override
    public String getHeader(String n) {
        List<String> v = headers.get(n.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public Collection<String> getHeaders(String n) {
        List<String> v = headers.get(n.toLowerCase(Locale.ROOT));
        return v == null ? List.of() : new ArrayList<>(v);
    }

    @Override
    public Collection<String> getHeaderNames() {
        return new ArrayList<>(headers.keySet());
    }
}
