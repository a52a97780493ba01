package io.subito.container.http;

/**
 * Strict, incremental RFC 9112 request-head parser. Complete lines are parsed as they arrive,
 * so a head dribbled in one byte at a time costs one pass over its bytes. It records offsets
 * into the caller's buffer in a reusable {@link RequestHead}; the buffer must not move between
 * calls for one head (after compaction, call {@link #begin} again and re-parse).
 */
public final class RequestParser {
    private static final int MAX_LEADING_EMPTY_LINES = 8;

    private final HttpLimits limits;
    private final int maxRequestLine;
    private final int maxHeadBytes;
    private int scan;
    private int lineStart;
    private int headStart;
    private boolean inHeaders;
    private int emptyLines;

    public RequestParser(HttpLimits limits) {
        this.limits = limits;
        this.maxRequestLine = limits.maxTargetLength() + 32;
        this.maxHeadBytes = limits.maxHeadBytes();
    }

    /** Starts a new head at {@code start}. */
    public void begin(int start) {
        scan = start;
        lineStart = start;
        headStart = start;
        inHeaders = false;
        emptyLines = 0;
    }

    /** Where the current head starts (after skipped empty lines). */
    public int headStart() {
        return headStart;
    }

    /**
     * Continues parsing {@code buf} up to {@code limit}. Returns the index just past the head's
     * final CRLF, or -1 when more bytes are needed.
     */
    public int parse(byte[] buf, int limit, RequestHead head) throws HttpParseException {
        while (true) {
            int ctl = Ascii.findControl(buf, scan, limit);
            if (ctl == limit) {
                scan = limit;
                checkSize(limit);
                return -1;
            }
            byte c = buf[ctl];
            if (c == '\t') {
                scan = ctl + 1;
                continue;
            }
            if (c == '\n') {
                throw new HttpParseException(400, "bare LF line ending");
            }
            if (c != '\r') {
                throw new HttpParseException(400, "control character 0x" + Integer.toHexString(c & 0xFF) + " in head");
            }
            if (ctl + 1 == limit) {
                scan = ctl;
                checkSize(limit);
                return -1;
            }
            if (buf[ctl + 1] != '\n') {
                throw new HttpParseException(400, "bare CR in head");
            }
            checkSize(ctl);
            int next = ctl + 2;
            if (!inHeaders) {
                if (ctl == lineStart) {
                    skipEmptyLine(next);
                    continue;
                }
                head.buf = buf;
                RequestLine.parse(buf, lineStart, ctl, head, limits);
                inHeaders = true;
            } else if (ctl == lineStart) {
                FramingRules.apply(head);
                return next;
            } else {
                parseField(buf, lineStart, ctl, head);
            }
            lineStart = next;
            scan = next;
        }
    }

    private void skipEmptyLine(int next) throws HttpParseException {
        // RFC 9112 2.2: a server SHOULD ignore at least one empty line before the request-line
        if (++emptyLines > MAX_LEADING_EMPTY_LINES) {
            throw new HttpParseException(400, "too many empty lines before request-line");
        }
        lineStart = next;
        scan = next;
        headStart = next;
    }

    private void checkSize(int upTo) throws HttpParseException {
        if (!inHeaders && upTo - lineStart > maxRequestLine) {
            throw new HttpParseException(414, "request-target longer than " + limits.maxTargetLength());
        }
        if (upTo - headStart > maxHeadBytes) {
            throw new HttpParseException(431, "request head larger than " + limits.maxHeadBytes() + " bytes");
        }
    }

    private void parseField(byte[] b, int from, int to, RequestHead head) throws HttpParseException {
        if (b[from] == ' ' || b[from] == '\t') {
            throw new HttpParseException(400, "obsolete line folding");
        }
        int i = from;
        while (i < to && Ascii.isToken(b[i])) {
            i++;
        }
        if (i == to || b[i] != ':') {
            if (i < to && (b[i] == ' ' || b[i] == '\t')) {
                throw new HttpParseException(400, "whitespace between field name and colon");
            }
            throw new HttpParseException(400, i == to ? "field without colon" : "invalid character in field name");
        }
        if (i == from) {
            throw new HttpParseException(400, "empty field name");
        }
        int nameEnd = i;
        int vs = i + 1;
        while (vs < to && (b[vs] == ' ' || b[vs] == '\t')) {
            vs++;
        }
        int ve = to;
        while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
            ve--;
        }
        if (head.headerCount >= limits.maxHeaders()) {
            throw new HttpParseException(431, "more than " + limits.maxHeaders() + " header fields");
        }
        head.addHeader(from, nameEnd, vs, ve, KnownHeader.match(b, from, nameEnd - from));
    }
}
