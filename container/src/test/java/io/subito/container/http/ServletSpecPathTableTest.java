package io.subito.container.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The "Example URIs" table of Servlet 6.1 section 3.5.2 (URI Path Canonicalization), row by
 * row, through the request parser: each path is either refused with 400 or maps to the decoded
 * path of the table.
 */
class ServletSpecPathTableTest {
    static Stream<Object[]> table() {
        return Arrays.stream(new Object[][] {
                {"foo/bar", "/foo/bar", "400 must start with /"},
                {"/foo/bar", "/foo/bar", ""},
                {"/foo/bar;jsessionid=1234", "/foo/bar", ""},
                {"/foo/bar/", "/foo/bar/", ""},
                {"/foo/bar/;jsessionid=1234", "/foo/bar/", ""},
                {"/foo;/bar;", "/foo/bar", ""},
                {"/foo;/bar;/;", "/foo/bar/", ""},
                {"/foo%00/bar/", "/foo\u0000/bar/", "400 control character"},
                {"/foo%7Fbar", "/foo\u007fbar", "400 control character"},
                {"/foo%2Fbar", "/foo%2Fbar", "400 encoded /"},
                {"/foo%2Fb%25r", "/foo%2Fb%25r", "400 encoded /"},
                {"/foo/b%25r", "/foo/b%r", ""},
                {"/foo\\bar", "/foo\\bar", "400 backslash character"},
                {"/foo%5Cbar", "/foo\\bar", "400 backslash character"},
                {"/foo;%2F/bar", "/foo/bar", "400 encoded /"},
                {"/foo/./bar", "/foo/bar", ""},
                {"/foo/././bar", "/foo/bar", ""},
                {"/./foo/bar", "/foo/bar", ""},
                {"/foo/%2e/bar", "/foo/bar", "400 encoded dot segment"},
                {"/foo/.;/bar", "/foo/bar", "400 dot segment with parameter"},
                {"/foo/%2e;/bar", "/foo/bar", "400 encoded dot segment"},
                {"/foo/.%2Fbar", "/foo/.%2Fbar", "400 encoded /"},
                {"/foo/.%5Cbar", "/foo/.\\bar", "400 backslash character"},
                {"/foo/bar/.", "/foo/bar", ""},
                {"/foo/bar/./", "/foo/bar/", ""},
                {"/foo/bar/.;", "/foo/bar", "400 dot segment with parameter"},
                {"/foo/bar/./;", "/foo/bar/", ""},
                {"/foo/.bar", "/foo/.bar", ""},
                {"/foo/../bar", "/bar", ""},
                {"/foo/../../bar", "/../bar", "400 leading dot-dot-segment"},
                {"/../foo/bar", "/../foo/bar", "400 leading dot-dot-segment"},
                {"/foo/%2e%2E/bar", "/bar", "400 encoded dot segment"},
                {"/foo/%2e%2e/%2E%2E/bar", "/../bar", "400 leading dot-dot-segment & encoded dot segment"},
                {"/foo/./../bar", "/bar", ""},
                {"/foo/..;/bar", "/bar", "400 dot segment with parameter"},
                {"/foo/%2e%2E;/bar", "/bar", "400 encoded dot segment"},
                {"/foo/..%2Fbar", "/foo/..%2Fbar", "400 encoded /"},
                {"/foo/..%5Cbar", "/foo/..\\bar", "400 backslash character"},
                {"/foo/bar/..", "/foo", ""},
                {"/foo/bar/../", "/foo/", ""},
                {"/foo/bar/..;", "/foo", "400 dot segment with parameter"},
                {"/foo/bar/../;", "/foo/", ""},
                {"/foo/..bar", "/foo/..bar", ""},
                {"/foo/.../bar", "/foo/.../bar", ""},
                {"/foo//bar", "/foo/bar", ""},
                {"//foo//bar//", "/foo/bar/", ""},
                {"/;/foo;/;/bar/;/;", "/foo/bar/", "400 empty segment with parameters"},
                {"/foo//../bar", "/bar", ""},
                {"/foo/;/../bar", "/bar", "400 empty segment with parameters"},
                {"/foo%E2%82%ACbar", "/foo\u20acbar", ""},
                {"/foo%20bar", "/foo bar", ""},
                {"/foo%E2%82", "/foo%E2%82", "400 decode error"},
                {"/foo%E2%82bar", "/foo%E2%82bar", "400 decode error"},
                {"/foo%-1/bar", "/foo%-1/bar", "400 decode error"},
                {"/foo%XX/bar", "/foo%XX/bar", "400 decode error"},
                {"/foo%/bar", "/foo%/bar", "400 decode error"},
                {"/foo/bar%0", "/foo/bar%0", "400 decode error"},
                {"/good%20/bad%/%20mix%", "/good /bad%/%20mix%", "400 decode error"},
                {"/foo/bar?q", "/foo/bar", ""},
                {"/foo/bar#f", "/foo/bar", "400 fragment"},
                {"/foo/bar?q#f", "/foo/bar", "400 fragment"},
                {"/foo/bar/?q", "/foo/bar/", ""},
                {"/foo/bar/#f", "/foo/bar/", "400 fragment"},
                {"/foo/bar/?q#f", "/foo/bar/", "400 fragment"},
                {"/foo/bar;?q", "/foo/bar", ""},
                {"/foo/bar;#f", "/foo/bar", "400 fragment"},
                {"/foo/bar;?q#f", "/foo/bar", "400 fragment"},
                {"/", "/", ""},
                {"//", "/", ""},
                {"/;/", "/", "400 empty segment with parameters"},
                {"/.", "/", ""},
                {"/..", "/..", "400 leading dot-dot-segment"},
                {"/./", "/", ""},
                {"/../", "/../", "400 leading dot-dot-segment"},
                {"foo/bar/", "/foo/bar/", "400 must start with /"},
                {"./foo/bar/", "/foo/bar/", "400 must start with /"},
                {"%2e/foo/bar/", "/foo/bar/", "400 must start with / & encoded dot segment"},
                {"../foo/bar/", "/../foo/bar/", "400 must start with / & leading dot-dot-segment"},
                {".%2e/foo/bar/", "/../foo/bar/", "400 must start with / & leading dot-dot-segment & encoded dot segment"},
                {";/foo/bar/", "/foo/bar/", "400 must start with / & empty segment with parameters"},
                {"/#f", "/", "400 fragment"},
                {"#f", "/", "400 fragment & must start with /"},
                {"/?q", "/", ""},
                {"?q", "/", "400 must start with /"},
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void specExample(String encoded, String decoded, String rejected) throws Exception {
        String request = "GET " + encoded + " HTTP/1.1\r\nHost: h\r\n\r\n";
        if (rejected.startsWith("400")) {
            HttpParseException e = assertThrows(HttpParseException.class, () -> RequestParserTest.parse(request),
                    () -> encoded + " must be refused: " + rejected);
            assertEquals(400, e.status());
        } else {
            assertEquals(decoded, RequestParserTest.parse(request).path(), encoded);
        }
    }
}
