package io.subito.container.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the request-head parser (with the path canonicaliser behind it).
 * Every input is parsed twice, once in one call and once revealed in pieces as a socket would
 * deliver it, and the two must agree; a refusal must be an {@link HttpParseException} with one of
 * the documented statuses; an accepted head must satisfy the offset invariants and survive
 * being written out and parsed again unchanged. Any other exception is a finding.
 *
 * <p>Seeds live in {@code src/test/resources/io/subito/container/http/RequestParserFuzzTestInputs/}.
 * The {@code @Timeout} bounds one input (a hang is a finding); fuzzing runs set how long in all.
 */
class RequestParserFuzzTest {
    private static final Set<Integer> REFUSAL_STATUSES = Set.of(400, 414, 417, 431, 501, 505);
    private static final int SLACK = 16;

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void parsesOrRefusesTheSameWayHoweverSplit(FuzzedDataProvider data) {
        HttpLimits limits = limits(data);
        int start = data.consumeInt(0, SLACK);
        int[] cuts = cuts(data);
        byte[] input = data.consumeRemainingAsBytes();

        Outcome whole = parseWhole(input, start, limits);
        Outcome pieces = parseInPieces(input, start, cuts, limits);
        assertEquals(whole.refused(), pieces.refused(), () -> "split changed the verdict: " + whole + " vs " + pieces);
        assertEquals(whole.end, pieces.end, "split changed where the head ends");
        if (whole.head != null) {
            checkInvariants(whole.head, start, whole.end);
            assertEquals(describe(whole.head), describe(pieces.head), "split changed the parsed head");
            roundTrip(whole.head, limits);
        }
    }

    /** Small limits reach the 414/431 paths quickly; the defaults keep realistic heads parseable. */
    private static HttpLimits limits(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return HttpLimits.defaults();
        }
        int head = data.consumeInt(16, 1024);
        return new HttpLimits(head, data.consumeInt(1, head), data.consumeInt(1, 20), 256, 1024);
    }

    private static int[] cuts(FuzzedDataProvider data) {
        int n = data.consumeInt(0, 8);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = data.consumeInt(0, 4096);
        }
        return cuts;
    }

    /** How a parse ended: a head (end >= 0), more bytes needed (end -1), or a refusal status. */
    record Outcome(RequestHead head, int end, int status) {
        boolean refused() {
            return status != 0;
        }
    }

    private static Outcome parseWhole(byte[] input, int start, HttpLimits limits) {
        return parse(input, start, new int[] {start + input.length}, limits);
    }

    private static Outcome parseInPieces(byte[] input, int start, int[] cuts, HttpLimits limits) {
        int[] limitsAt = new int[cuts.length + 1];
        for (int i = 0; i < cuts.length; i++) {
            limitsAt[i] = start + Math.min(cuts[i], input.length);
        }
        limitsAt[cuts.length] = start + input.length;
        Arrays.sort(limitsAt);
        return parse(input, start, limitsAt, limits);
    }

    /**
     * Parses {@code input} placed at {@code start} of a buffer that, as in a connection, only
     * holds the bytes delivered so far: each limit in {@code limitsAt} delivers up to there.
     * Bytes not yet delivered are zero, so a parser reading past its limit sees NULs and refuses.
     */
    private static Outcome parse(byte[] input, int start, int[] limitsAt, HttpLimits limits) {
        byte[] buf = new byte[start + input.length];
        RequestParser parser = new RequestParser(limits);
        RequestHead head = new RequestHead();
        parser.begin(start);
        try {
            int end = -1;
            for (int limit : limitsAt) {
                System.arraycopy(input, 0, buf, start, limit - start);
                end = parser.parse(buf, limit, head);
                if (end >= 0) {
                    assertTrue(end <= limit, "head ends past the bytes given");
                    return new Outcome(head, end, 0);
                }
            }
            return new Outcome(null, end, 0);
        } catch (HttpParseException e) {
            assertTrue(REFUSAL_STATUSES.contains(e.status()), "undocumented status " + e.status() + ": " + e.getMessage());
            return new Outcome(null, -1, e.status());
        }
    }

    private static void checkInvariants(RequestHead h, int start, int end) {
        assertTrue(start <= h.methodStart && h.methodStart < h.methodEnd && h.methodEnd < h.targetStart
                && h.targetStart < h.targetEnd && h.targetEnd < end, "request-line offsets out of order");
        for (int i = 0; i < h.headerCount; i++) {
            int ns = h.offsets[4 * i];
            int ne = h.offsets[4 * i + 1];
            int vs = h.offsets[4 * i + 2];
            int ve = h.offsets[4 * i + 3];
            assertTrue(h.targetEnd < ns && ns < ne && ne < vs + 1 && vs <= ve && ve < end, "field offsets out of bounds");
            for (int k = ns; k < ne; k++) {
                assertTrue(Ascii.isToken(h.buf[k]), "non-token byte in a field name");
            }
            for (int k = vs; k < ve; k++) {
                int c = h.buf[k] & 0xFF;
                assertFalse((c < 0x20 && c != '\t') || c == 0x7F, "control byte in a field value");
            }
        }
        assertFalse(h.chunked && h.contentLength >= 0, "both chunked and a Content-Length");
        assertTrue(h.contentLength >= -1, "negative Content-Length");
        if (h.minorVersion == 1) {
            assertEquals(1, h.headers("Host").size(), "HTTP/1.1 without exactly one Host");
        }
        checkPath(h.path());
    }

    /** A canonical path has no empty, "." or ".." segment: nothing for the mapping to re-interpret. */
    private static void checkPath(String path) {
        if (path.equals("*") || path.equals("/")) {
            return;
        }
        assertTrue(path.startsWith("/"), "path not absolute: " + path);
        String inner = path.substring(1, path.endsWith("/") ? path.length() - 1 : path.length());
        for (String seg : inner.split("/", -1)) {
            assertFalse(seg.isEmpty() || seg.equals(".") || seg.equals(".."), "segment '" + seg + "' in " + path);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            assertFalse(c < 0x20 || c == 0x7F || c == '\\', "control or backslash in path " + path);
        }
    }

    /** What the rest of the server can observe of a head, as text. */
    private static String describe(RequestHead h) {
        List<String> parts = new ArrayList<>();
        parts.add(h.method());
        parts.add(h.target());
        parts.add(h.protocol());
        parts.add(h.path());
        parts.add(String.valueOf(h.query()));
        parts.add(h.contentLength() + "/" + h.isChunked() + "/" + h.expectsContinue() + "/" + h.keepAliveRequested());
        for (int i = 0; i < h.headerCount(); i++) {
            parts.add(h.headerName(i) + ": " + h.headerValue(i));
        }
        return String.join("\n", parts);
    }

    /** Writing the accepted head back out in normal form must give a head that parses to the same thing. */
    private static void roundTrip(RequestHead h, HttpLimits limits) {
        StringBuilder sb = new StringBuilder();
        sb.append(h.method()).append(' ').append(h.target()).append(' ').append(h.protocol()).append("\r\n");
        for (int i = 0; i < h.headerCount(); i++) {
            sb.append(h.headerName(i)).append(": ").append(h.headerValue(i)).append("\r\n");
        }
        byte[] again = sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        // normal form may be longer than what was sent ("a:b" becomes "a: b"): only the size limit is relaxed
        HttpLimits roomy = new HttpLimits(Math.max(limits.maxHeadBytes(), again.length), limits.maxTargetLength(),
                limits.maxHeaders(), limits.maxChunkExtensionBytes(), limits.maxTrailerBytes());
        Outcome o = parse(again, 0, new int[] {again.length}, roomy);
        if (o.head == null) {
            fail("an accepted head, written out again, was not accepted (" + o + ")");
        }
        assertEquals(again.length, o.end, "round-tripped head ends elsewhere");
        assertEquals(describe(h), describe(o.head), "round trip changed the head");
    }
}
