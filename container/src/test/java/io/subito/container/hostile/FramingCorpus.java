package io.subito.container.hostile;

import static io.subito.container.hostile.FramingCase.accepted;
import static io.subito.container.hostile.FramingCase.refused;
import static io.subito.container.hostile.FramingCase.refusedInBody;

import java.util.List;

/**
 * The request-smuggling corpus: malformed or ambiguous requests, one row each, and the few
 * well-formed look-alikes whose framing must be exactly the RFC's. Every byte a row sends
 * after a point where a lenient parser could disagree with Subito ends in {@link #HIDDEN_REQUEST},
 * a complete request that must never run; the probe appends one more complete request after
 * each row. Adding a case is adding one line.
 *
 * <p>Line endings: RFC 9112 section 2.2 lets a server accept a bare LF as a line terminator.
 * Subito does not: a bare LF or a bare CR anywhere in a head, a chunk-size line or a trailer
 * section is a 400 and a close. One rule for every line, so no front end that reads LF-only
 * lines differently can make Subito see a different message boundary.
 */
public final class FramingCorpus {
    /** A complete request placed where a lenient parser would find it; it must never run. */
    static final String HIDDEN_REQUEST = "GET " + FramingCase.HIDDEN + " HTTP/1.1\r\nHost: t\r\n\r\n";

    private static final List<FramingCase> ROWS = List.of(
            // ---- Content-Length and Transfer-Encoding together (CL.TE, TE.CL)
            refused("CL.TE", 400, post("Content-Length: 6", "Transfer-Encoding: chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE.CL", 400, post("Transfer-Encoding: chunked", "Content-Length: 4") + "5c\r\n" + HIDDEN_REQUEST),
            refused("TE chunked with CL 0", 400, post("Content-Length: 0", "Transfer-Encoding: chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("CL with TE xchunked", 501, post("Content-Length: 5", "Transfer-Encoding: xchunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("CL with TE identity", 501, post("Content-Length: 5", "Transfer-Encoding: identity") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE chunked in HTTP/1.0 with CL", 400, head("POST / HTTP/1.0", "Transfer-Encoding: chunked", "Content-Length: 5") + "0\r\n\r\n" + HIDDEN_REQUEST),
            // ---- Content-Length values
            refused("differing CL.CL", 400, post("Content-Length: 3", "Content-Length: 40") + "abc" + HIDDEN_REQUEST),
            refused("differing CL.CL, larger first", 400, post("Content-Length: 40", "Content-Length: 3") + "abc" + HIDDEN_REQUEST),
            refused("CL list of equal values", 400, post("Content-Length: 3, 3") + "abc" + HIDDEN_REQUEST),
            refused("CL list of differing values", 400, post("Content-Length: 3,40") + "abc" + HIDDEN_REQUEST),
            refused("CL with plus sign", 400, post("Content-Length: +3") + "abc" + HIDDEN_REQUEST),
            refused("CL negative", 400, post("Content-Length: -1") + HIDDEN_REQUEST),
            refused("CL with space between digits", 400, post("Content-Length: 3 4") + "abc" + HIDDEN_REQUEST),
            refused("CL with tab between digits", 400, post("Content-Length: 3\t4") + "abc" + HIDDEN_REQUEST),
            refused("CL hexadecimal", 400, post("Content-Length: 0x3") + "abc" + HIDDEN_REQUEST),
            refused("CL decimal point", 400, post("Content-Length: 3.0") + "abc" + HIDDEN_REQUEST),
            refused("CL empty", 400, post("Content-Length: ") + HIDDEN_REQUEST),
            refused("CL overflowing 64 bits", 400, post("Content-Length: 18446744073709551619") + "abc" + HIDDEN_REQUEST),
            refused("CL overflow after leading zeros", 400, post("Content-Length: 000000000000000000000018446744073709551619") + HIDDEN_REQUEST),
            refused("CL with trailing letters", 400, post("Content-Length: 3abc") + "abc" + HIDDEN_REQUEST),
            refused("CL with non-ASCII digit", 400, post("Content-Length: \u00b3") + "abc" + HIDDEN_REQUEST),
            // ---- Transfer-Encoding variants
            refused("TE chunked, identity", 400, post("Transfer-Encoding: chunked, identity") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE identity, chunked", 501, post("Transfer-Encoding: identity, chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE xchunked", 501, post("Transfer-Encoding: xchunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE chunkedx", 501, post("Transfer-Encoding: chunkedx") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE chunked twice in one field", 400, post("Transfer-Encoding: chunked, chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("two TE fields chunked, chunked", 400, post("Transfer-Encoding: chunked", "Transfer-Encoding: chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("two TE fields chunked, identity", 400, post("Transfer-Encoding: chunked", "Transfer-Encoding: identity") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("two TE fields identity, chunked", 501, post("Transfer-Encoding: identity", "Transfer-Encoding: chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE in HTTP/1.0", 400, head("POST / HTTP/1.0", "Transfer-Encoding: chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE empty", 400, post("Transfer-Encoding: ") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE trailing comma", 400, post("Transfer-Encoding: chunked,") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE leading comma", 400, post("Transfer-Encoding: ,chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE quoted", 400, post("Transfer-Encoding: \"chunked\"") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE with parameter", 400, post("Transfer-Encoding: chunked;q=1") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE with vertical tab", 400, post("Transfer-Encoding: \u000bchunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE with form feed", 400, post("Transfer-Encoding: chunked\u000c") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE name with space before colon", 400, post("Transfer-Encoding : chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE name with tab before colon", 400, post("Transfer-Encoding\t: chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE as first field with leading space", 400, head("POST / HTTP/1.1", " Transfer-Encoding: chunked", "Host: t") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("TE value folded onto the next line", 400, post("Transfer-Encoding:", " chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("space inside the TE name", 400, post("Transfer Encoding: chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("space inside the CL name", 400, post("Content Length: 3") + "abc" + HIDDEN_REQUEST),
            // ---- line endings (see the class comment)
            refused("bare LF after the request line", 400, "GET / HTTP/1.1\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("bare LF after a field", 400, "GET / HTTP/1.1\r\nHost: t\nX-A: b\r\n\r\n" + HIDDEN_REQUEST),
            refused("bare LF ends the head", 400, "GET / HTTP/1.1\r\nHost: t\r\n\n" + HIDDEN_REQUEST),
            refused("LF-only head", 400, "GET / HTTP/1.1\nHost: t\n\n" + HIDDEN_REQUEST),
            refused("bare LF hides a TE field", 400, post("Content-Length: 36", "X-A: b\nTransfer-Encoding: chunked") + "0\r\n\r\n" + HIDDEN_REQUEST),
            refused("bare CR after the request line", 400, "GET / HTTP/1.1\rHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("bare CR inside a value", 400, "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\rb\r\n\r\n" + HIDDEN_REQUEST),
            refused("bare CR hides a CL field", 400, post("X-A: b\rContent-Length: 36") + HIDDEN_REQUEST),
            refused("LF CR instead of CR LF", 400, "GET / HTTP/1.1\n\rHost: t\n\r\n\r" + HIDDEN_REQUEST),
            // ---- obs-fold
            refused("obs-fold with space", 400, get("X-A: a", " b") + HIDDEN_REQUEST),
            refused("obs-fold with tab", 400, get("X-A: a", "\tb") + HIDDEN_REQUEST),
            refused("obs-fold of Content-Length", 400, post("Content-Length:", " 36") + HIDDEN_REQUEST),
            // ---- control bytes, spaces and non-tokens in names and values
            refused("NUL in a field name", 400, get("X\u0000A: b") + HIDDEN_REQUEST),
            refused("NUL in a field value", 400, get("X-A: a\u0000b") + HIDDEN_REQUEST),
            refused("NUL in the target", 400, "GET /a\u0000b HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("NUL in the method", 400, "GE\u0000T / HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("SOH in a field value", 400, get("X-A: a\u0001b") + HIDDEN_REQUEST),
            refused("ESC in a field name", 400, get("X\u001bA: b") + HIDDEN_REQUEST),
            refused("DEL in a field value", 400, get("X-A: a\u007fb") + HIDDEN_REQUEST),
            refused("non-ASCII in a field name", 400, get("X-\u00e9: b") + HIDDEN_REQUEST),
            refused("space inside a field name", 400, get("X A: b") + HIDDEN_REQUEST),
            refused("field without a colon", 400, get("X-A b") + HIDDEN_REQUEST),
            refused("empty field name", 400, get(": b") + HIDDEN_REQUEST),
            refused("separator in a field name", 400, get("X(A): b") + HIDDEN_REQUEST),
            // ---- request line and target forms
            refused("asterisk-form with GET", 400, "GET * HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("asterisk-form with POST", 400, "POST * HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n" + HIDDEN_REQUEST),
            refused("authority-form with GET", 400, "GET t:80 HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("CONNECT", 501, "CONNECT t:443 HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("absolute-form with a non-http scheme", 400, "GET ftp://t/ HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("absolute-form with userinfo", 400, "GET http://u@t/ HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("absolute-form without a host", 400, "GET http:///x HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("fragment in the target", 400, "GET /a#b HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("two spaces after the method", 400, "GET  / HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("tab after the method", 400, "GET\t/ HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("space after the version", 400, "GET / HTTP/1.1 \r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("leading space before the method", 400, " GET / HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("HTTP/0.9 request line", 400, "GET /\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("lower-case version", 400, "GET / http/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("two-digit minor version", 400, "GET / HTTP/1.10\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("HTTP/1.2", 505, "GET / HTTP/1.2\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("HTTP/2.0 over HTTP/1 framing", 505, "GET / HTTP/2.0\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("separator in the method", 400, "GE(T / HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("target too long", 414, "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: t\r\n\r\n" + HIDDEN_REQUEST),
            refused("head too large", 431, get("X-Big: " + "b".repeat(9000)) + HIDDEN_REQUEST),
            refused("too many fields", 431, get(manyFields(101)) + HIDDEN_REQUEST),
            refused("expectation other than 100-continue", 417, post("Content-Length: 3", "Expect: 100-continuex") + "abc" + HIDDEN_REQUEST),
            // ---- Host
            refused("missing Host", 400, "GET / HTTP/1.1\r\nX-A: b\r\n\r\n" + HIDDEN_REQUEST),
            refused("duplicate Host", 400, "GET / HTTP/1.1\r\nHost: t\r\nHost: u\r\n\r\n" + HIDDEN_REQUEST),
            refused("duplicate Host in HTTP/1.0", 400, "GET / HTTP/1.0\r\nHost: t\r\nHost: u\r\n\r\n" + HIDDEN_REQUEST),
            refused("Host with a space", 400, "GET / HTTP/1.1\r\nHost: t u\r\n\r\n" + HIDDEN_REQUEST),
            refused("Host with a slash", 400, "GET / HTTP/1.1\r\nHost: t/u\r\n\r\n" + HIDDEN_REQUEST),
            refused("Host with userinfo", 400, "GET / HTTP/1.1\r\nHost: u@t\r\n\r\n" + HIDDEN_REQUEST),
            // ---- chunked bodies (refused while the handler reads the body)
            refusedInBody("chunk size overflow", 400, chunked("10000000000000000\r\nabc\r\n0\r\n\r\n") + HIDDEN_REQUEST),
            refusedInBody("chunk size negative", 400, chunked("-5\r\nabcde\r\n0\r\n\r\n") + HIDDEN_REQUEST),
            refusedInBody("chunk size with plus sign", 400, chunked("+5\r\nabcde\r\n0\r\n\r\n") + HIDDEN_REQUEST),
            refusedInBody("chunk size not hex", 400, chunked("g\r\nabcde\r\n0\r\n\r\n") + HIDDEN_REQUEST),
            refusedInBody("chunk size with 0x prefix", 400, chunked("0x5\r\nabcde\r\n0\r\n\r\n") + HIDDEN_REQUEST),
            refusedInBody("chunk size after a space", 400, chunked(" 5\r\nabcde\r\n0\r\n\r\n") + HIDDEN_REQUEST),
            refusedInBody("chunk size line ends in bare LF", 400, chunked("5\nabcde\r\n0\r\n\r\n") + HIDDEN_REQUEST),
            refusedInBody("chunk data longer than its size", 400, chunked("3\r\nabcde\r\n0\r\n\r\n") + HIDDEN_REQUEST),
            refusedInBody("chunk data shorter than its size hides a request", 400,
                    chunked("40\r\nabc\r\n0\r\n\r\n" + HIDDEN_REQUEST + "\r\n0\r\n\r\n")),
            refusedInBody("oversize chunk extension", 400, chunked("3;ext=" + "e".repeat(300) + "\r\nabc\r\n0\r\n\r\n") + HIDDEN_REQUEST),
            refusedInBody("NUL in a chunk extension", 400, chunked("3;e\u0000x\r\nabc\r\n0\r\n\r\n") + HIDDEN_REQUEST),
            refusedInBody("oversize trailer section", 431, chunked("3\r\nabc\r\n0\r\n" + ("X-T: " + "t".repeat(90) + "\r\n").repeat(100) + "\r\n") + HIDDEN_REQUEST),
            refusedInBody("last chunk without the empty line eats a request as trailers", 400, chunked("0\r\n") + HIDDEN_REQUEST),
            refusedInBody("bare LF in the trailer section", 400, chunked("0\r\nX-T: a\n\r\n") + HIDDEN_REQUEST),
            // ---- well-formed look-alikes: accepted, framed exactly
            accepted("identical duplicate CL", post("Content-Length: 3", "Content-Length: 3") + "abc"),
            accepted("CL with surrounding whitespace", post("Content-Length: \t 3 \t") + "abc"),
            accepted("CL leading zeros past 64 bits", post("Content-Length: " + "0".repeat(40) + "3") + "abc"),
            accepted("TE chunked followed by spaces and tabs", post("Transfer-Encoding: chunked \t ") + "3\r\nabc\r\n0\r\n\r\n"),
            accepted("TE upper case", post("Transfer-Encoding: CHUNKED") + "3\r\nabc\r\n0\r\n\r\n"),
            accepted("GET with a body that looks like a request", head("GET / HTTP/1.1", "Host: t", "Content-Length: " + HIDDEN_REQUEST.length()) + HIDDEN_REQUEST),
            accepted("chunk data that looks like a request", chunked(Integer.toHexString(HIDDEN_REQUEST.length()) + "\r\n" + HIDDEN_REQUEST + "\r\n0\r\n\r\n")),
            accepted("trailers naming framing fields do not reframe", chunked("3\r\nabc\r\n0\r\nContent-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n")),
            accepted("chunk size with whitespace before an extension", chunked("3 ;a=b\r\nabc\r\n0\r\n\r\n")),
            accepted("absolute-form target", "GET http://t/x HTTP/1.1\r\nHost: t\r\n\r\n"));

    private FramingCorpus() {
    }

    public static List<FramingCase> all() {
        return ROWS;
    }

    static String head(String requestLine, String... fields) {
        StringBuilder sb = new StringBuilder(requestLine).append("\r\n");
        for (String f : fields) {
            sb.append(f).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    static String get(String... fields) {
        return head("GET / HTTP/1.1", prepend("Host: t", fields));
    }

    static String post(String... fields) {
        return head("POST / HTTP/1.1", prepend("Host: t", fields));
    }

    static String chunked(String body) {
        return post("Transfer-Encoding: chunked") + body;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String manyFields(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "\r\n").append("X-F").append(i).append(": v");
        }
        return sb.toString();
    }
}
