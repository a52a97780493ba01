package io.subito.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads HTTP/1.1 responses framed by Content-Length from a blocking stream: just enough for the
 * load tools, which talk to servlets whose small bodies always get an exact length.
 */
final class ResponseReader {
    /** One response: its status, the header asked for when reading, and the body. */
    record Response(int status, String header, String body) {
    }

    private final InputStream in;
    private final StringBuilder line = new StringBuilder(128);

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /** Reads one response; {@code headerName} (lower case) is the header whose value is kept. */
    Response read(String headerName) throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("bad status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        String kept = null;
        int length = -1;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad header line: " + h);
            }
            String name = h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals(headerName)) {
                kept = value;
            } else if (name.equals("transfer-encoding")) {
                throw new IOException("unexpected Transfer-Encoding: " + value);
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("connection closed inside a body");
        }
        return new Response(code, kept, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        line.setLength(0);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
            line.append((char) c);
        }
        throw new EOFException("connection closed before the end of a response head");
    }
}
