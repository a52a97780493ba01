package io.subito.container.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestParserTest {
    private static final HttpLimits LIMITS = HttpLimits.defaults();

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Parses a whole head in one call; it must end exactly at the end of the input. */
    static RequestHead parse(String s) throws HttpParseException {
        return parse(bytes(s), LIMITS);
    }

    static RequestHead parse(byte[] b, HttpLimits limits) throws HttpParseException {
        RequestParser p = new RequestParser(limits);
        RequestHead h = new RequestHead();
        p.begin(0);
        assertEquals(b.length, p.parse(b, b.length, h), "head end");
        return h;
    }

    /** Feeds the head one byte at a time into the same buffer; returns the head or throws. */
    static RequestHead parseByteByByte(byte[] b, HttpLimits limits) throws HttpParseException {
        RequestParser p = new RequestParser(limits);
        RequestHead h = new RequestHead();
        p.begin(0);
        for (int limit = 1; limit <= b.length; limit++) {
            int end = p.parse(b, limit, h);
            if (end >= 0) {
                assertEquals(b.length, end, "head completed early at " + limit);
                return h;
            }
        }
        throw new AssertionError("head never completed");
    }

    static int refusal(String s) {
        return refusal(bytes(s), LIMITS);
    }

    static int refusal(byte[] b, HttpLimits limits) {
        HttpParseException e = assertThrows(HttpParseException.class, () -> parse(b, limits),
                () -> "accepted: " + new String(b, StandardCharsets.ISO_8859_1));
        return e.status();
    }

    // ------------------------------------------------------------------ valid corpus

    static final String MANY_HEADERS;

    static {
        StringBuilder sb = new StringBuilder("GET /many HTTP/1.1\r\nHost: example.com\r\n");
        for (int i = 0; i < 60; i++) {
            sb.append("X-Header-").append(i).append(": value-").append(i).append("\r\n");
        }
        MANY_HEADERS = sb.append("\r\n").toString();
    }

    static Stream<String> validCorpus() {
        return Stream.of(
                "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\nAccept: text/plain,text/html;q=0.9\r\nConnection: keep-alive\r\n\r\n",
                "POST /submit HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\n",
                "PUT /r HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
                "DELETE /r/1 HTTP/1.1\r\nHost: a\r\n\r\n",
                "PATCH /r/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
                "HEAD /index.html HTTP/1.1\r\nHost: a\r\n\r\n",
                "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
                "PROPFIND /dav/ HTTP/1.1\r\nHost: a\r\nDepth: 1\r\n\r\n",
                "M-SEARCH * HTTP/1.1\r\nHost: a\r\n\r\n".replace("M-SEARCH *", "M-SEARCH /"),
                "GET http://example.com/a/b?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n",
                "GET HTTPS://Example.COM:8443/x HTTP/1.1\r\nHost: example.com\r\n\r\n",
                "GET /search?q=a%20b&x=&y HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /q? HTTP/1.1\r\nHost: a\r\n\r\n",
                "\r\n\r\nGET /after-empty-lines HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /old HTTP/1.0\r\n\r\n",
                "GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nX-Tab:\tvalue\twith\ttabs\t\r\nX-Empty:\r\nX-Spaces:    padded   \r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nX-Obs-Text: caf\u00e9 \u00ff\r\n\r\n",
                "GET / HTTP/1.1\r\nhost: a\r\ncontent-length: 7\r\nCONTENT-LENGTH: 7\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n",
                "GET /a/./b/../c HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /~user/!$&'()*+,;=:@-._ HTTP/1.1\r\nHost: a\r\n\r\n",
                MANY_HEADERS);
    }

    @ParameterizedTest
    @MethodSource("validCorpus")
    void acceptsValidRequests(String request) throws Exception {
        RequestHead whole = parse(request);
        assertTrue(whole.method().length() > 0);
        assertTrue(whole.path().startsWith("/") || whole.path().equals("*"));
    }

    @ParameterizedTest
    @MethodSource("validCorpus")
    void byteByByteGivesTheSameHead(String request) throws Exception {
        RequestHead whole = parse(request);
        RequestHead dribbled = parseByteByByte(bytes(request), LIMITS);
        assertEquals(whole.method(), dribbled.method());
        assertEquals(whole.target(), dribbled.target());
        assertEquals(whole.path(), dribbled.path());
        assertEquals(whole.query(), dribbled.query());
        assertEquals(whole.minorVersion(), dribbled.minorVersion());
        assertEquals(whole.headerCount(), dribbled.headerCount());
        for (int i = 0; i < whole.headerCount(); i++) {
            assertEquals(whole.headerName(i), dribbled.headerName(i));
            assertEquals(whole.headerValue(i), dribbled.headerValue(i));
        }
        assertEquals(whole.contentLength(), dribbled.contentLength());
        assertEquals(whole.isChunked(), dribbled.isChunked());
        assertEquals(whole.keepAliveRequested(), dribbled.keepAliveRequested());
    }

    @ParameterizedTest
    @MethodSource("refusalCorpus")
    void byteByByteGivesTheSameRefusal(String request, int status) {
        HttpParseException e = assertThrows(HttpParseException.class, () -> parseByteByByte(bytes(request), LIMITS));
        assertEquals(status, e.status(), e.getMessage());
    }

    @Test
    void simpleGet() throws Exception {
        RequestHead h = parse("GET /hello HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n");
        assertEquals("GET", h.method());
        assertTrue(h.isMethod("GET"));
        assertFalse(h.isHead());
        assertEquals("/hello", h.target());
        assertEquals("/hello", h.rawPath());
        assertEquals("/hello", h.path());
        assertTrue(h.pathEquals("/hello"));
        assertNull(h.query());
        assertEquals(1, h.minorVersion());
        assertEquals("HTTP/1.1", h.protocol());
        assertEquals(2, h.headerCount());
        assertEquals("Host", h.headerName(0));
        assertEquals("example.com", h.headerValue(0));
        assertEquals("example.com", h.header("host"));
        assertEquals("*/*", h.header("ACCEPT"));
        assertEquals(-1, h.contentLength());
        assertFalse(h.isChunked());
        assertTrue(h.keepAliveRequested());
        assertFalse(h.expectsContinue());
    }

    @Test
    void customMethodIsKeptAsSent() throws Exception {
        assertEquals("PROPFIND", parse("PROPFIND /x HTTP/1.1\r\nHost: a\r\n\r\n").method());
        assertEquals("M-SEARCH", parse("M-SEARCH /x HTTP/1.1\r\nHost: a\r\n\r\n").method());
    }

    @Test
    void absoluteFormTakesThePathAfterTheAuthority() throws Exception {
        RequestHead h = parse("GET http://example.com:8080/a/b?x=1&y=2 HTTP/1.1\r\nHost: example.com\r\n\r\n");
        assertEquals("http://example.com:8080/a/b?x=1&y=2", h.target());
        assertEquals("/a/b", h.path());
        assertEquals("/a/b", h.rawPath());
        assertEquals("x=1&y=2", h.query());
    }

    @Test
    void asteriskFormOnlyForOptions() throws Exception {
        RequestHead h = parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals("*", h.target());
        assertEquals("*", h.rawPath());
        assertEquals(400, refusal("GET * HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    @Test
    void queryIsKeptRaw() throws Exception {
        RequestHead h = parse("GET /search?q=a%20b&empty=&flag HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals("/search", h.path());
        assertEquals("q=a%20b&empty=&flag", h.query());
        assertEquals("", parse("GET /q? HTTP/1.1\r\nHost: a\r\n\r\n").query());
    }

    @Test
    void leadingEmptyLinesAreSkipped() throws Exception {
        RequestHead h = parse("\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals("/x", h.path());
        assertEquals(400, refusal("\r\n".repeat(20) + "GET /x HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    @Test
    void http10() throws Exception {
        RequestHead h = parse("GET /old HTTP/1.0\r\n\r\n");
        assertEquals(0, h.minorVersion());
        assertEquals("HTTP/1.0", h.protocol());
        assertFalse(h.keepAliveRequested(), "1.0 closes by default");
        assertTrue(parse("GET /old HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAliveRequested());
        assertFalse(parse("GET /old HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n").keepAliveRequested());
        assertFalse(parse("GET / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n").expectsContinue(),
                "100-continue from HTTP/1.0 is ignored");
    }

    @Test
    void connectionOptions() throws Exception {
        assertFalse(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").keepAliveRequested());
        assertFalse(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, CLOSE\r\n\r\n").keepAliveRequested());
        assertTrue(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: closed\r\n\r\n").keepAliveRequested());
    }

    @Test
    void headerValuesAreTrimmedAndMayHoldTabsAndObsText() throws Exception {
        RequestHead h = parse("GET / HTTP/1.1\r\nHost: a\r\nX-Tab:\tin\tside\t\r\nX-Empty:\r\nX-Sp:   v  \r\n"
                + "X-Latin: caf\u00e9\r\n\r\n");
        assertEquals("in\tside", h.header("x-tab"));
        assertEquals("", h.header("x-empty"));
        assertEquals("v", h.header("x-sp"));
        assertEquals("caf\u00e9", h.header("x-latin"));
    }

    @Test
    void manyHeadersAndRepeatedNames() throws Exception {
        RequestHead h = parse(MANY_HEADERS);
        assertEquals(61, h.headerCount());
        assertEquals("value-59", h.header("x-header-59"));
        RequestHead r = parse("GET / HTTP/1.1\r\nHost: a\r\nAccept: a\r\nX: 1\r\naccept: b\r\n\r\n");
        assertEquals(List.of("a", "b"), r.headers("Accept"));
    }

    @Test
    void tooManyHeaders() {
        HttpLimits few = new HttpLimits(8192, 4096, 3, 256, 8192);
        assertEquals(431, refusal(bytes("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"), few));
    }

    @Test
    void framingHeaders() throws Exception {
        assertEquals(5, parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n").contentLength());
        assertEquals(0, parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n").contentLength());
        assertEquals(7, parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\nContent-Length: 7\r\n\r\n").contentLength());
        assertEquals(Long.MAX_VALUE,
                parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775807\r\n\r\n").contentLength());
        assertEquals(3, parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 003\r\n\r\n").contentLength());
        RequestHead c = parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n");
        assertTrue(c.isChunked());
        assertEquals(-1, c.contentLength());
        assertTrue(parse("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n").expectsContinue());
    }

    @Test
    void recycledHeadForgetsTheRequest() throws Exception {
        RequestHead h = parse("POST /x?y HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nConnection: close\r\n\r\n");
        h.recycle();
        assertNull(h.method());
        assertNull(h.path());
        assertNull(h.query());
        assertNull(h.header("host"));
        assertEquals(0, h.headerCount());
        assertEquals(-1, h.contentLength());
    }

    // ------------------------------------------------------------------ refusals

    static Stream<Arguments> refusalCorpus() {
        String longTarget = "/" + "a".repeat(5000);
        return Stream.of(
                // size limits
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n", 431),
                Arguments.of("GET " + longTarget + " HTTP/1.1\r\nHost: a\r\n\r\n", 414),
                // framing
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5 5\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1e3\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775808\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked,\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n\r\n", 400),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
                Arguments.of("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
                // field syntax
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400), // whitespace after the start-line
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n\ttwo\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX-Bare: c\rr\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\rHost: a\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\nHost: a\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\n\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX(y): z\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX\u00e9: z\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX-Y z: z\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\n: empty-name\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nNo-Colon\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX-Nul: a\u0000b\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX-Ctl: a\u0001b\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nX-Del: a\u007fb\r\n\r\n", 400),
                // Host
                Arguments.of("GET / HTTP/1.1\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                // request line
                Arguments.of("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
                Arguments.of("GET / HTTP/1.2\r\nHost: a\r\n\r\n", 505),
                Arguments.of("GET / HTTP/0.9\r\nHost: a\r\n\r\n", 505),
                Arguments.of("GET / HTTP/1.1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET / HTTP/11\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET / http/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET / HTTX/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET /\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of(" GET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("G(ET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET /a\u0000b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET a/b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET ftp://h/x HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET http://user@h/x HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n", 501),
                Arguments.of("POST / HTTP/1.1\r\nHost: a\r\nExpect: something-else\r\n\r\n", 417),
                // path canonicalisation refusals reach the parser's caller
                Arguments.of("GET /%2e%2e/secret HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET /a%2Fb HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("GET /../etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n", 400));
    }

    @ParameterizedTest
    @MethodSource("refusalCorpus")
    void refuses(String request, int status) {
        assertEquals(status, refusal(request));
    }

    @Test
    void oversizeHeadIsRefusedBeforeItEnds() {
        HttpLimits small = new HttpLimits(1024, 512, 100, 256, 8192);
        RequestParser p = new RequestParser(small);
        RequestHead h = new RequestHead();
        byte[] b = bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Long: " + "x".repeat(2000));
        p.begin(0);
        HttpParseException e = assertThrows(HttpParseException.class, () -> p.parse(b, b.length, h));
        assertEquals(431, e.status());
    }

    @Test
    void longTargetIsRefusedBeforeTheLineEnds() {
        HttpLimits small = new HttpLimits(8192, 512, 100, 256, 8192);
        RequestParser p = new RequestParser(small);
        RequestHead h = new RequestHead();
        byte[] b = bytes("GET /" + "x".repeat(1000));
        p.begin(0);
        HttpParseException e = assertThrows(HttpParseException.class, () -> p.parse(b, b.length, h));
        assertEquals(414, e.status());
    }

    @Test
    void targetAtTheLimitIsAccepted() throws Exception {
        HttpLimits small = new HttpLimits(8192, 512, 100, 256, 8192);
        String target = "/" + "x".repeat(511);
        assertEquals(target, parse(bytes("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n"), small).path());
        assertEquals(414, refusal(bytes("GET " + target + "x HTTP/1.1\r\nHost: a\r\n\r\n"), small));
    }

    @Test
    void incompleteHeadAsksForMore() throws Exception {
        RequestParser p = new RequestParser(LIMITS);
        RequestHead h = new RequestHead();
        byte[] b = bytes("GET / HTTP/1.1\r\nHost: a\r\n\r");
        p.begin(0);
        assertEquals(-1, p.parse(b, b.length, h));
    }

    @Test
    void twoPipelinedHeadsInOneBuffer() throws Exception {
        byte[] b = bytes("GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n");
        RequestParser p = new RequestParser(LIMITS);
        RequestHead h = new RequestHead();
        p.begin(0);
        int end = p.parse(b, b.length, h);
        assertEquals("/one", h.path());
        h.recycle();
        p.begin(end);
        assertEquals(b.length, p.parse(b, b.length, h));
        assertEquals("/two", h.path());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "example.com", "example.com:8080", "127.0.0.1", "127.0.0.1:80", "[::1]", "[::1]:8443",
            "xn--bcher-kva.example", "a_b-c~d.e", "", "h%41st", "sub!$&'()*+,;=delims"})
    void validHostValues(String host) throws Exception {
        assertEquals(host, parse("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").header("host"));
    }

    /** RFC 9112 3.2: a server MUST answer 400 to a Host field with an invalid value. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "a b", "a\tb", "a/b", "evil.com/../x", "a?b", "a#b", "user@host", "a\\b", "\"quoted\"", "<a>",
            "a{b}", "a|b", "a^b", "a`b", "caf\u00e9"})
    void invalidHostValuesAreRefused(String host) {
        assertEquals(400, refusal("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n"));
        assertEquals(400, refusal("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n"));
    }
}
