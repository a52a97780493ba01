package io.subito.servlet.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 2046 section 5.1.1: the body parts of one multipart body, read in order from a stream
 * through one fixed buffer, so scanning costs the same memory for one part or a million.
 *
 * <pre>
 *  PREAMBLE --dash-boundary CRLF--> HEADERS --empty line--> CONTENT --delimiter CRLF--> HEADERS ...
 *     |                                                        |
 *     +------------- close-delimiter ("--boundary--") --------+--> DONE (epilogue discarded)
 * </pre>
 *
 * The body is read as if it began with CRLF, so the first dash-boundary is found like every
 * later delimiter (CRLF "--" boundary). Transport padding (spaces, tabs) may follow a boundary.
 * Everything else is refused with a {@link MalformedMultipartException}: a body that ends before
 * its close-delimiter, bytes after a boundary other than padding and CRLF or "--", a bare CR or
 * LF in a header section. A header section longer than its limit, or a body longer than its
 * limit, gives the limit's {@link MultipartLimitException}.
 */
final class PartScanner {
    enum State { PREAMBLE, HEADERS, CONTENT, DONE }

    static final int BUFFER_SIZE = 8192;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final InputStream in;
    /** CRLF "--" boundary. A boundary never holds CR, which keeps {@link #scan} linear. */
    private final byte[] delimiter;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private final Limit maxBodyBytes;
    private int pos;
    private int lim;
    /** Bytes before this index are known not to start a delimiter, so small reads do not scan them again. */
    private int scanned;
    private boolean eof;
    private long bodyBytes;
    private State state = State.PREAMBLE;

    /**
     * @param boundary a boundary already checked by {@link Boundary#check}
     * @param maxBodyBytes bounds the bytes read from {@code in}, epilogue included
     */
    PartScanner(InputStream in, String boundary, Limit maxBodyBytes) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxBodyBytes = maxBodyBytes;
        buf[0] = CR; // the CRLF the first dash-boundary is read as following
        buf[1] = LF;
        lim = 2;
    }

    State state() {
        return state;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    private void to(State next) {
        state = next;
    }

    /**
     * Moves past the current part's content (or the preamble) to the next part's header section.
     *
     * @return false when the close-delimiter came instead (the epilogue has been read and dropped)
     */
    boolean nextPart() throws IOException {
        while (state == State.PREAMBLE || state == State.CONTENT) {
            int i = scan();
            if (i > pos) {
                pos = i;
            } else {
                atDelimiter();
            }
        }
        return state == State.HEADERS;
    }

    /**
     * The current part's header section: its header lines, each with its CRLF, without the empty
     * line that ends it. Moves to CONTENT.
     *
     * @param maxBytes bounds the section, CRLFs and the empty line included
     */
    byte[] headerSection(Limit maxBytes) throws IOException {
        if (state != State.HEADERS) {
            throw new IllegalStateException("not at a header section: " + this);
        }
        byte[] head = new byte[64];
        int n = 0;
        while (true) {
            if (pos == lim && !fill()) {
                throw new MalformedMultipartException("the body ended inside a part's header section");
            }
            byte c = buf[pos++];
            if (!maxBytes.allows(n + 1L)) {
                throw maxBytes.exceeded();
            }
            if (n == head.length) {
                head = java.util.Arrays.copyOf(head, (int) Math.min(2L * n, Integer.MAX_VALUE - 8));
            }
            head[n++] = c;
            boolean crBefore = n >= 2 && head[n - 2] == CR;
            if (c == LF) {
                if (!crBefore) {
                    throw new MalformedMultipartException("bare LF in a part's header section");
                }
                if (n == 2 || (n >= 4 && head[n - 4] == CR && head[n - 3] == LF)) {
                    to(State.CONTENT);
                    return java.util.Arrays.copyOf(head, n - 2);
                }
            } else if (crBefore) {
                throw new MalformedMultipartException("bare CR in a part's header section");
            }
        }
    }

    /**
     * Reads the current part's content (or, before the first part, the preamble).
     *
     * @return bytes read, or -1 at the part's end, when the delimiter after it has been read and
     *         the state is HEADERS (another part follows) or DONE
     */
    int readContent(byte[] b, int off, int len) throws IOException {
        while (state == State.CONTENT || state == State.PREAMBLE) {
            int i = scan();
            if (i > pos) {
                int n = Math.min(len, i - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
            if (atDelimiter()) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Called when {@link #scan} stopped at pos: reads the delimiter and what follows it when it is
     * there whole (true), else reads more of the body (false).
     */
    private boolean atDelimiter() throws IOException {
        if (pos + delimiter.length <= lim) {
            pos += delimiter.length;
            afterBoundary();
            return true;
        }
        if (!fill()) {
            throw new MalformedMultipartException(state == State.PREAMBLE
                    ? "no multipart boundary in the body" : "the body ended before the closing boundary");
        }
        return false;
    }

    /**
     * Where the next delimiter starts in buf[pos, lim): its index when it is there whole, else
     * the first index from which the bytes up to lim are a beginning of it, else lim. Only a CR
     * can start one, and no later byte of it is a CR, so each byte is looked at a bounded number
     * of times.
     */
    private int scan() {
        byte[] d = delimiter;
        int n = d.length;
        for (int i = Math.max(pos, scanned); i < lim; i++) {
            if (buf[i] != CR) {
                continue;
            }
            int k = 1;
            while (k < n && i + k < lim && buf[i + k] == d[k]) {
                k++;
            }
            if (k == n || i + k == lim) {
                scanned = i;
                return i;
            }
        }
        scanned = lim;
        return lim;
    }

    /** After a boundary: transport padding, then CRLF (another part) or "--" (the end). */
    private void afterBoundary() throws IOException {
        if (!ensure(2)) {
            throw new MalformedMultipartException("the body ended right after a boundary");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            pos += 2;
            to(State.DONE);
            discardEpilogue();
            return;
        }
        while (ensure(1) && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++;
        }
        if (!ensure(2)) {
            throw new MalformedMultipartException("the body ended right after a boundary");
        }
        if (buf[pos] != CR || buf[pos + 1] != LF) {
            throw new MalformedMultipartException("a boundary is followed by something other than CRLF or \"--\"");
        }
        pos += 2;
        to(State.HEADERS);
    }

    /** RFC 2046: the epilogue is to be ignored; it is still read, so it counts toward the body's limit. */
    private void discardEpilogue() throws IOException {
        pos = lim;
        while (fill()) {
            pos = lim;
        }
    }

    /** At least {@code n} unread bytes in the buffer, reading as needed; false if the body ends first. */
    private boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Moves the unread bytes to the front and reads more; false at the end of the body. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            scanned = Math.max(0, scanned - pos);
            pos = 0;
        }
        int r = in.read(buf, lim, buf.length - lim);
        if (r < 0) {
            eof = true;
            return false;
        }
        bodyBytes += r;
        if (!maxBodyBytes.allows(bodyBytes)) {
            throw maxBodyBytes.exceeded();
        }
        lim += r;
        return true;
    }

    @Override
    public String toString() {
        return "PartScanner[" + state + ", " + bodyBytes + " bytes read, " + (lim - pos) + " buffered"
                + (eof ? ", at end of body" : "") + "]";
    }
}
