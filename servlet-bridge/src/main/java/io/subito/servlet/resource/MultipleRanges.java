package io.subito.servlet.resource;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A 206 answer to a Range header with several ranges: a {@code multipart/byteranges} body
 * (RFC 9110 section 14.6), one part per range in the order asked, each with its own
 * Content-Type and Content-Range, and an exact Content-Length for the whole.
 */
final class MultipleRanges {
    /** Fixed, as Tomcat's is: a file's bytes can never be mistaken for a delimiter line mid-part. */
    static final String BOUNDARY = "SUBITO_MULTIPART_BYTERANGES";

    /** Opens the file again for each range: a resource may be a stream that cannot seek back. */
    interface Opener {
        InputStream open() throws IOException;
    }

    private MultipleRanges() {
    }

    static void send(List<ByteRanges.Range> ranges, String type, long fileLength, Opener opener,
                     HttpServletResponse res, ServletOutputStream out, boolean body) throws IOException {
        List<byte[]> heads = new ArrayList<>(ranges.size());
        long total = 0;
        for (ByteRanges.Range r : ranges) {
            byte[] head = partHead(r, type, fileLength);
            heads.add(head);
            total += head.length + r.length();
        }
        byte[] end = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        total += end.length;
        res.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        res.setContentType("multipart/byteranges; boundary=" + BOUNDARY);
        res.setContentLengthLong(total);
        if (!body) {
            return;
        }
        for (int i = 0; i < ranges.size(); i++) {
            ByteRanges.Range r = ranges.get(i);
            out.write(heads.get(i));
            try (InputStream in = opener.open()) {
                if (in == null) {
                    throw new java.io.FileNotFoundException("the resource went away while it was being sent");
                }
                in.skipNBytes(r.start());
                DefaultServlet.copy(in, out, res, r.length());
            }
        }
        out.write(end);
    }

    private static byte[] partHead(ByteRanges.Range r, String type, long fileLength) {
        StringBuilder sb = new StringBuilder(96).append("\r\n--").append(BOUNDARY).append("\r\n");
        if (type != null) {
            sb.append("Content-Type: ").append(type).append("\r\n");
        }
        sb.append("Content-Range: bytes ").append(r.start()).append('-').append(r.end()).append('/')
                .append(fileLength).append("\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
