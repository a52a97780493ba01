package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static files: types, validators, ranges, welcome files, directories, protected folders, jar resources. */
class DefaultServletTest {
    @TempDir
    static Path base;
    static Subito server;
    static int port;
    static WebAppContext ctx;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(base.resolve("hello.txt"), "Hello, file!");
        Files.writeString(base.resolve("page.html"), "<p>hi</p>");
        Files.createDirectories(base.resolve("dir"));
        Files.writeString(base.resolve("dir/index.html"), "welcome");
        Files.createDirectories(base.resolve("empty"));
        Files.createDirectories(base.resolve("WEB-INF"));
        Files.writeString(base.resolve("WEB-INF/web.xml"), "<secret/>");
        Path jar = base.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/resources/fromjar/app.js"));
            out.write("console.log(1)".getBytes());
            out.closeEntry();
        }
        ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, DefaultServletTest.class.getClassLoader());
        ctx = new WebAppContext("/static", base, loader);
        ctx.addWelcomeFile("index.html");
        server = Subito.builder().port(0).build(ctx);
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void servesFileWithTypeLengthAndValidators() throws Exception {
        Http.Reply r = Http.get(port, "/static/hello.txt");
        assertEquals(200, r.status());
        assertEquals("Hello, file!", r.body());
        assertEquals("text/plain", r.header("Content-Type"));
        assertEquals("12", r.header("Content-Length"));
        assertNotNull(r.header("ETag"));
        assertNotNull(r.header("Last-Modified"));
        assertEquals("bytes", r.header("Accept-Ranges"));
    }

    @Test
    void conditionalGetGives304() throws Exception {
        Http.Reply r = Http.get(port, "/static/hello.txt");
        Http.Reply byTag = Http.get(port, "/static/hello.txt", "If-None-Match: " + r.header("ETag"));
        assertEquals(304, byTag.status());
        assertEquals(0, byTag.bytes().length);
        Http.Reply byDate = Http.get(port, "/static/hello.txt", "If-Modified-Since: " + r.header("Last-Modified"));
        assertEquals(304, byDate.status());
        assertEquals(412, Http.get(port, "/static/hello.txt", "If-Match: \"other\"").status());
    }

    /** "Hello, file!" asked for in two pieces: one multipart/byteranges body with both, in the order asked. */
    @Test
    void severalRangesGiveMultipartByteranges() throws Exception {
        Http.Reply r = Http.get(port, "/static/hello.txt", "Range: bytes=7-10,0-4");
        assertEquals(206, r.status());
        assertEquals("multipart/byteranges; boundary=SUBITO_MULTIPART_BYTERANGES", r.header("Content-Type"));
        String expected = "\r\n--SUBITO_MULTIPART_BYTERANGES\r\nContent-Type: text/plain\r\nContent-Range: bytes 7-10/12\r\n\r\nfile"
                + "\r\n--SUBITO_MULTIPART_BYTERANGES\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-4/12\r\n\r\nHello"
                + "\r\n--SUBITO_MULTIPART_BYTERANGES--\r\n";
        assertEquals(expected, r.body());
        assertEquals(String.valueOf(expected.length()), r.header("Content-Length"));
    }

    @Test
    void unsatisfiableRangesAmongSeveralAreDroppedAndTooManyAreRefused() throws Exception {
        Http.Reply one = Http.get(port, "/static/hello.txt", "Range: bytes=0-4,100-200");
        assertEquals(206, one.status());
        assertEquals("bytes 0-4/12", one.header("Content-Range"));
        assertEquals("Hello", one.body());
        Http.Reply none = Http.get(port, "/static/hello.txt", "Range: bytes=50-60,70-80");
        assertEquals(416, none.status());
        String many = "bytes=" + String.join(",", java.util.Collections.nCopies(33, "0-0"));
        Http.Reply tooMany = Http.get(port, "/static/hello.txt", "Range: " + many);
        assertEquals(416, tooMany.status());
        assertEquals("bytes */12", tooMany.header("Content-Range"));
        assertTrue(tooMany.body().contains("33 ranges, more than maxRanges=32"), tooMany.body());
        Http.Reply head = Http.request(port, "HEAD", "/static/hello.txt", "Range: bytes=0-1,3-4");
        assertEquals(206, head.status());
        assertEquals(0, head.bytes().length);
    }

    /** "Hello" and "lo, f" overlap: one 206 part "Hello, f" instead of two. */
    @Test
    void overlappingRangesComeBackAsOnePart() throws Exception {
        Http.Reply r = Http.get(port, "/static/hello.txt", "Range: bytes=0-4,3-7");
        assertEquals(206, r.status());
        assertEquals("bytes 0-7/12", r.header("Content-Range"));
        assertEquals("text/plain", r.header("Content-Type"));
        assertEquals("Hello, f", r.body());
    }

    @Test
    void rangeGives206AndBadRangeGives416() throws Exception {
        Http.Reply r = Http.get(port, "/static/hello.txt", "Range: bytes=7-10");
        assertEquals(206, r.status());
        assertEquals("file", r.body());
        assertEquals("bytes 7-10/12", r.header("Content-Range"));
        Http.Reply suffix = Http.get(port, "/static/hello.txt", "Range: bytes=-5");
        assertEquals("file!", suffix.body());
        Http.Reply bad = Http.get(port, "/static/hello.txt", "Range: bytes=50-60");
        assertEquals(416, bad.status());
        assertEquals("bytes */12", bad.header("Content-Range"));
    }

    @Test
    void headHasHeadersButNoBody() throws Exception {
        Http.Reply r = Http.request(port, "HEAD", "/static/page.html");
        assertEquals(200, r.status());
        assertEquals("text/html", r.header("Content-Type"));
        assertEquals("9", r.header("Content-Length"));
    }

    @Test
    void directoryWithoutSlashRedirectsAndWelcomeFileIsServed() throws Exception {
        Http.Reply r = Http.get(port, "/static/dir?a=b");
        assertEquals(302, r.status());
        assertTrue(r.header("Location").endsWith("/static/dir/?a=b"), r.header("Location"));
        assertEquals("welcome", Http.get(port, "/static/dir/").body());
    }

    @Test
    void noDirectoryListing() throws Exception {
        assertEquals(404, Http.get(port, "/static/empty/").status());
    }

    @Test
    void webInfAndMetaInfAreNeverServed() throws Exception {
        assertEquals(404, Http.get(port, "/static/WEB-INF/web.xml").status());
        assertEquals(404, Http.get(port, "/static/web-inf/web.xml").status());
        assertEquals(404, Http.get(port, "/static/META-INF/MANIFEST.MF").status());
    }

    @Test
    void missingFileIs404AndPostIsServedLikeGet() throws Exception {
        assertEquals(404, Http.get(port, "/static/nope.txt").status());
        assertEquals(405, Http.request(port, "PUT", "/static/hello.txt", "Content-Length: 0").status());
    }

    @Test
    void jarMetaInfResourcesAreServedAndListed() throws Exception {
        Http.Reply r = Http.get(port, "/static/fromjar/app.js");
        assertEquals("console.log(1)", r.body());
        assertEquals("text/javascript", r.header("Content-Type"));
        assertTrue(ctx.servletContext().getResourcePaths("/").contains("/fromjar/"), String.valueOf(ctx.servletContext().getResourcePaths("/")));
        assertTrue(ctx.servletContext().getResourcePaths("/").contains("/hello.txt"));
        assertNull(ctx.servletContext().getResourcePaths("/nothing/"));
        assertEquals("text/javascript", ctx.servletContext().getMimeType("x.js"));
        assertEquals(base.resolve("hello.txt").toString(), ctx.servletContext().getRealPath("/hello.txt"));
    }
}
