package io.subito.servlet.multipart;

import io.subito.servlet.config.RequestLimits;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a multipart/form-data body into parts as it streams in, within the servlet's
 * MultipartConfig and the context's {@link RequestLimits}. Knows nothing of requests: the
 * request side hands it the body, the limits and where files go.
 */
public final class MultipartReader {
    private static final String IN_CONFIG = " in the servlet's multipart configuration";

    private MultipartReader() {
    }

    /**
     * Reads the parts of a multipart/form-data body of Content-Type {@code type} from {@code in}
     * under the servlet's configuration and the context's limits; parts past the threshold go to
     * files in {@code location}. On failure the files made so far are deleted.
     */
    public static List<Part> read(InputStream in, String type, long declared, MultipartConfigElement cfg,
                                  RequestLimits limits, Path location, Charset cs) throws IOException {
        String boundary = Boundary.of(type);
        Limit body = cfg.getMaxRequestSize() > 0
                ? new Limit("maxRequestSize", cfg.getMaxRequestSize(), "multipart body too large", IN_CONFIG)
                : new Limit(RequestLimits.MAX_MULTIPART_BYTES, limits.maxMultipartBytes(), "multipart body too large",
                        " (the servlet's multipart configuration sets no maxRequestSize)");
        if (declared > 0 && !body.allows(declared)) {
            throw body.exceeded(); // refused before reading a byte
        }
        Limit count = new Limit(RequestLimits.MAX_PART_COUNT, limits.maxPartCount(),
                "multipart body with more than " + limits.maxPartCount() + " parts", "");
        Limit header = new Limit(RequestLimits.MAX_PART_HEADER_BYTES, limits.maxPartHeaderBytes(),
                "a part's header section longer than " + limits.maxPartHeaderBytes() + " bytes", "");
        Limit file = cfg.getMaxFileSize() > 0
                ? new Limit("maxFileSize", cfg.getMaxFileSize(), "a part larger than " + cfg.getMaxFileSize() + " bytes",
                        IN_CONFIG)
                : Limit.none("maxFileSize");
        Files.createDirectories(location);
        PartStore store = new PartStore(location, cfg.getFileSizeThreshold(),
                PartStore.budgetFor(cfg.getFileSizeThreshold()));
        PartScanner scanner = new PartScanner(in, boundary, body);
        List<Part> parts = new ArrayList<>(4);
        long seen = 0;
        try {
            while (scanner.nextPart()) {
                if (!count.allows(++seen)) {
                    throw count.exceeded();
                }
                byte[] head = scanner.headerSection(header);
                PartHeaders.check(head);
                String disposition = PartHeaders.get(head, cs, "Content-Disposition");
                String name = disposition == null || !"form-data".equals(HeaderParams.type(disposition))
                        ? null : HeaderParams.get(disposition, "name");
                if (name == null) {
                    continue; // not a form-data part (RFC 7578 section 4.2): skipped, as the peers do
                }
                parts.add(store.read(scanner, head, cs, name, HeaderParams.get(disposition, "filename"), file));
            }
        } catch (IOException | RuntimeException e) {
            store.deleteAll();
            throw e;
        }
        return parts;
    }

    /** A field's value (a part without a file name) as text. */
    public static String fieldText(Part field, Charset cs) throws IOException {
        return ((FormPart) field).text(cs);
    }
}
