package io.subito.servlet.compression;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Bodies for the compression tests, and the JDK's gzip reader as the judge of what was sent. */
final class Gzip {
    private Gzip() {
    }

    /** {@code n} bytes of JSON, compressible as real API answers are. */
    static byte[] json(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; sb.length() < n - 1; i++) {
            sb.append("{\"id\":").append(i).append(",\"name\":\"customer ").append(i * 7919 % 1000)
                    .append("\",\"active\":").append(i % 3 == 0).append("},");
        }
        sb.setLength(n - 1);
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
