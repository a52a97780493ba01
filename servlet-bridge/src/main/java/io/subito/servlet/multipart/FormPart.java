package io.subito.servlet.multipart;

import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.fileupload2.core.DiskFileItem;

/** One part of a multipart/form-data body: a FileUpload item, in memory or in a temp file. */
final class FormPart implements Part {
    private final DiskFileItem item;
    private final Path location;

    FormPart(DiskFileItem item, Path location) {
        this.item = item;
        this.location = location;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return item.getInputStream();
    }

    String text(Charset cs) throws IOException {
        return item.getString(cs);
    }

    @Override
    public String getContentType() {
        return item.getContentType();
    }

    @Override
    public String getName() {
        return item.getFieldName();
    }

    @Override
    public String getSubmittedFileName() {
        return item.getName();
    }

    @Override
    public long getSize() {
        return item.getSize();
    }

    /** Relative names are resolved against the multipart location (Servlet 6.1 Part.write). */
    @Override
    public void write(String target) throws IOException {
        Path p = Path.of(target);
        if (!p.isAbsolute()) {
            p = location.resolve(target);
        }
        if (item.isInMemory()) {
            Files.write(p, item.get());
        } else {
            Files.move(item.getPath(), p, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void delete() throws IOException {
        item.delete();
    }

    @Override
    public String getHeader(String n) {
        return item.getHeaders() == null ? null : item.getHeaders().getHeader(n);
    }

    @Override
    public Collection<String> getHeaders(String n) {
        return item.getHeaders() == null ? List.of() : list(item.getHeaders().getHeaders(n));
    }

    @Override
    public Collection<String> getHeaderNames() {
        return item.getHeaders() == null ? List.of() : list(item.getHeaders().getHeaderNames());
    }

    private static List<String> list(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
