package io.subito.container.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathCanonicalizerTest {
    /** The canonical path, or the raw one when the canonicalizer says it is already canonical. */
    static String canon(String raw) throws HttpParseException {
        byte[] b = raw.getBytes(StandardCharsets.ISO_8859_1);
        String c = PathCanonicalizer.canonicalize(b, 0, b.length);
        return c == null ? raw : c;
    }

    @ParameterizedTest
    @CsvSource({
            "/a/./b/../c, /a/c",
            "/a/b/.., /a",
            "/a/., /a",
            "/./a, /a",
            "/a/b/../../c, /c",
            "/.., ",
            "/%41, /A",
            "/%7euser, /~user",
            "/a%20b, /a b",
            "/caf%C3%A9, /café",
            "/dir/, /dir/",
            "/a/b/, /a/b/",
            "/, /",
            "/a//b, /a/b",
            "/a;jsessionid=1/b;x=y, /a/b",
            "/a/b;p, /a/b",
            "/.hidden/..x/...,  /.hidden/..x/...",
            "/a%3Bb, /a;b",
            "/%25, /%",
            "/a/;jsessionid=1, /a/",
            "/a;x/;y, /a/",
    })
    void canonicalises(String raw, String expected) throws Exception {
        if (expected == null) {
            assertEquals(400, assertThrows(HttpParseException.class, () -> canon(raw)).status());
            return;
        }
        assertEquals(expected, canon(raw));
    }

    @Test
    void plainPathsNeedNoWork() throws Exception {
        byte[] b = "/plain/path.html".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(PathCanonicalizer.canonicalize(b, 0, b.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/..", "/../x", "/a/../..", "/a/../../b",
            "/%2e%2e/x", "/%2E%2E", "/.%2e/x", "/%2e/x", "/a/%2e",
            "/a%2Fb", "/a%2fb", "/a%5Cb", "/a%5cb", "/a\\b",
            "/..;/x", "/.;x/y", "/a/..;jsessionid=1",
            "/;x/", "/a/;x/b", "/a;x%2Fy/b", "/a;%5c", "/a;\\b", "/a;%00", "/a;%zz",
            "/%C0%AF", "/%C0%AE%C0%AE/x", "/%E0%80%AF", "/%FF", "/%C3",
            "/%00", "/a%0Db", "/a%0Ab", "/a%7F",
            "/%", "/%4", "/%zz", "/%4g",
    })
    void refuses(String raw) {
        HttpParseException e = assertThrows(HttpParseException.class, () -> canon(raw), raw);
        assertEquals(400, e.status());
    }

    @Test
    void trailingSlashIsKept() throws Exception {
        assertEquals("/a/b/", canon("/a/./b/"));
        assertEquals("/a/", canon("/a/b/../"));
        assertEquals("/x/", canon("/x;p/"));
    }

    @Test
    void canonicalPathIsWhatTheHeadReports() throws Exception {
        RequestHead h = RequestParserTest.parse("GET /a/./b/%41/../c;p=1?q=%2F HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals("/a/b/c", h.path());
        assertEquals("/a/./b/%41/../c;p=1", h.rawPath());
        assertEquals("q=%2F", h.query());
    }
}
