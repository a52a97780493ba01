package io.subito.servlet.support;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Sends a multipart/form-data POST whose body is written by a separate thread while the
 * response is read, as a real client does: a server that refuses after the first parts answers
 * while the rest is still on its way, and a body of tens of megabytes is never held in memory.
 */
public final class MultipartSender {
    /** Writes a body to a stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The response, and whether the whole body could be written (false: the server closed first). */
    public record Outcome(Http.Reply reply, boolean bodyWritten) {
    }

    private MultipartSender() {
    }

    /** A body of {@code count} parts of exactly {@code partBytes} bytes each (66: one content byte), then the close-delimiter. */
    public static Body manyParts(String boundary, long count) {
        byte[] part = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return out -> {
            for (long i = 0; i < count; i++) {
                out.write(part);
            }
            out.write(end);
        };
    }

    public static long manyPartsLength(String boundary, long count) {
        return count * (51 + boundary.length()) + boundary.length() + 6;
    }

    public static Body bytes(byte[] b) {
        return out -> out.write(b);
    }

    /**
     * POSTs {@code body} ({@code length} bytes declared; the body may be shorter, for a client that
     * stops) with {@code contentType} and reads the response.
     *
     * @param closeAfterBody half-close the connection after the body (a client that gives up)
     */
    public static Outcome post(int port, String target, String contentType, long length, Body body,
                               boolean closeAfterBody) throws IOException {
        try (Http h = new Http(port)) {
            h.socket().setSoTimeout(120_000);
            OutputStream raw = h.output();
            raw.write(("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            FutureTask<Boolean> written = new FutureTask<>(() -> {
                try {
                    OutputStream out = new BufferedOutputStream(raw, 65536);
                    body.writeTo(out);
                    out.flush();
                    if (closeAfterBody) {
                        h.socket().shutdownOutput();
                    }
                    return true;
                } catch (IOException e) {
                    return false; // the server answered and closed before taking the whole body
                }
            });
            Thread writer = new Thread(written, "multipart-body-writer");
            writer.setDaemon(true);
            writer.start();
            Http.Reply reply;
            try {
                reply = h.read(false);
            } finally {
                h.socket().close(); // a writer still blocked gets its exception now
            }
            try {
                return new Outcome(reply, written.get());
            } catch (InterruptedException | ExecutionException e) {
                throw new IOException("the body writer failed", e);
            }
        }
    }
}
