package io.subito.servlet.compression;

import static io.subito.servlet.compression.Gzip.gunzip;
import static io.subito.servlet.compression.Gzip.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.compress.CompressionSettings;
import io.subito.servlet.Subito;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Response compression as a servlet application sees it, over real sockets: what is compressed,
 * what is never compressed, and what the head says. The JDK's GZIPInputStream judges the bytes.
 */
class CompressionTest {
    private static final byte[] BODY = json(10 * 1024);
    static Subito server;
    static Subito off;

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).compression(CompressionSettings.DEFAULTS.withEnabled(true))
                .context("/app", CompressionTest::servlets).start();
        off = Subito.builder().port(0).context("/app", CompressionTest::servlets).start();
    }

    /** /json?header=value... writes BODY (10 KiB) after setting the headers the query names. */
    static void servlets(io.subito.servlet.WebAppContext ctx) {
        ctx.addServlet("json", Servlets.of((req, res) -> {
            res.setContentType("application/json");
            String q = req.getQueryString();
            if (q != null) {
                for (String pair : q.split("&")) {
                    String[] kv = pair.split("=", 2);
                    res.addHeader(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            res.getOutputStream().write(BODY);
        })).addMapping("/json");
        ctx.addServlet("fits", Servlets.of((req, res) -> {
            res.setContentType("text/plain;charset=UTF-8");
            if (req.getQueryString() != null) {
                res.setContentLength(6000);
            }
            res.getWriter().write(new String(json(6000), java.nio.charset.StandardCharsets.UTF_8));
        })).addMapping("/fits");
        ctx.addServlet("small", Servlets.of((req, res) -> {
            res.setContentType("application/json");
            res.getOutputStream().write(json(2047));
        })).addMapping("/small");
        ctx.addServlet("declared", Servlets.of((req, res) -> {
            res.setContentType("text/html;charset=UTF-8");
            res.setContentLength(100);
            res.getWriter().write("<p>" + "x".repeat(20_000) + "</p>"); // cut at the declared 100 bytes
        })).addMapping("/declared");
        ctx.addServlet("png", Servlets.of((req, res) -> {
            res.setContentType("image/png");
            res.getOutputStream().write(BODY);
        })).addMapping("/png");
        ctx.addServlet("untyped", Servlets.of((req, res) -> res.getOutputStream().write(BODY))).addMapping("/untyped");
        ctx.addServlet("status", Servlets.of((req, res) -> {
            res.setStatus(Integer.parseInt(req.getParameter("s")));
            res.setContentType("text/plain");
            res.getOutputStream().write(BODY); // dropped by the engine for 204 and 304
        })).addMapping("/status");
        ctx.addServlet("error", Servlets.of((req, res) -> {
            res.setContentType("text/plain");
            res.setStatus(500);
            res.getWriter().write(new String(BODY, java.nio.charset.StandardCharsets.UTF_8));
        })).addMapping("/error");
    }

    @AfterAll
    static void stop() {
        server.stop();
        off.stop();
    }

    private static Http.Reply get(String target, String... headers) throws Exception {
        return Http.get(server.port(), target, headers);
    }

    /** 10 KiB outgrow the 8 KiB response buffer: the compressed body streams, chunked. */
    @Test
    void aTenKibibyteJsonBodyIsGzipped() throws Exception {
        Http.Reply r = get("/app/json", "Accept-Encoding: gzip, deflate, br");
        assertEquals(200, r.status());
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals("Accept-Encoding", r.header("Vary"));
        assertEquals("chunked", r.header("Transfer-Encoding"));
        assertNull(r.header("Content-Length"));
        assertTrue(r.bytes().length < BODY.length / 3, "10240 bytes became " + r.bytes().length);
        assertArrayEquals(BODY, gunzip(r.bytes()));
        assertEquals("application/json", r.header("Content-Type"));
    }

    /** A body the response buffer holds whole is compressed at once: the head has its exact length. */
    @Test
    void aBodyThatFitsTheBufferGetsItsExactCompressedLength() throws Exception {
        Http.Reply r = get("/app/fits", "Accept-Encoding: gzip");
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals(Integer.toString(r.bytes().length), r.header("Content-Length"));
        assertNull(r.header("Transfer-Encoding"));
        assertArrayEquals(json(6000), gunzip(r.bytes()));
        Http.Reply declared = get("/app/fits?declared", "Accept-Encoding: gzip");
        assertEquals(Integer.toString(declared.bytes().length), declared.header("Content-Length"),
                "the compressed length replaces the one the application declared");
        assertArrayEquals(json(6000), gunzip(declared.bytes()));
    }

    @ParameterizedTest(name = "[{index}] Accept-Encoding: {0} -> gzip {1}")
    @CsvSource(delimiter = '|', value = {
        "gzip;q=0                           | false",
        "br;q=1.0, gzip;q=0.5               | true",
        "*                                  | true",
        "*;q=0                              | false",
        "gzip;q=0, *                        | false",
        "gzip;q=0.5, identity               | false",
        "gzip;q=0.5, identity;q=0.2         | true",
        "deflate, br                        | false",
        "identity;q=0, *                    | true",
    })
    void qValuesDecide(String acceptEncoding, boolean gzipped) throws Exception {
        Http.Reply r = get("/app/json", "Accept-Encoding: " + acceptEncoding);
        assertEquals(200, r.status());
        assertEquals("Accept-Encoding", r.header("Vary"), "varies whatever was chosen");
        if (gzipped) {
            assertEquals("gzip", r.header("Content-Encoding"));
            assertArrayEquals(BODY, gunzip(r.bytes()));
        } else {
            assertNull(r.header("Content-Encoding"));
            assertArrayEquals(BODY, r.bytes());
        }
    }

    /** identity refused, gzip not offered: as Tomcat, the identity body rather than a 406. */
    @Test
    void identityRefusedWithoutAnAcceptableCodingStillGetsTheIdentityBody() throws Exception {
        for (String target : List.of("/app/json", "/app/png")) {
            Http.Reply r = get(target, "Accept-Encoding: identity;q=0, br, zstd");
            assertEquals(200, r.status(), target);
            assertNull(r.header("Content-Encoding"), target);
            assertArrayEquals(BODY, r.bytes(), target);
        }
        Http.Reply png = get("/app/png", "Accept-Encoding: identity;q=0, gzip");
        assertNull(png.header("Content-Encoding"), "a type that is not compressible is sent as it is");
        assertArrayEquals(BODY, png.bytes());
    }

    @Test
    void varyIsAppendedToTheApplicationsOwn() throws Exception {
        Http.Reply origin = get("/app/json?Vary=Origin", "Accept-Encoding: gzip");
        assertEquals(List.of("Origin, Accept-Encoding"), origin.headers("Vary"));
        Http.Reply two = get("/app/json?Vary=Origin&Vary=Cookie", "Accept-Encoding: gzip");
        assertEquals(List.of("Origin", "Cookie, Accept-Encoding"), two.headers("Vary"));
        Http.Reply already = get("/app/json?Vary=accept-encoding", "Accept-Encoding: gzip");
        assertEquals(List.of("accept-encoding"), already.headers("Vary"));
        Http.Reply star = get("/app/json?Vary=*", "Accept-Encoding: gzip");
        assertEquals(List.of("*"), star.headers("Vary"));
        assertEquals("gzip", star.header("Content-Encoding"));
    }

    @Test
    void aStrongETagIsWeakenedAndAWeakOneKept() throws Exception {
        Http.Reply strong = get("/app/json?ETag=%22v1%22", "Accept-Encoding: gzip");
        assertEquals("gzip", strong.header("Content-Encoding"));
        assertEquals("W/\"v1\"", strong.header("ETag"));
        Http.Reply weak = get("/app/json?ETag=W/%22v1%22", "Accept-Encoding: gzip");
        assertEquals("W/\"v1\"", weak.header("ETag"));
        Http.Reply identity = get("/app/json?ETag=%22v1%22");
        assertEquals("\"v1\"", identity.header("ETag"), "the identity representation keeps its strong tag");
    }

    @Test
    void aContentEncodingSetByTheApplicationIsLeftAlone() throws Exception {
        Http.Reply r = get("/app/json?Content-Encoding=br", "Accept-Encoding: gzip, br");
        assertEquals(List.of("br"), r.headers("Content-Encoding"));
        assertArrayEquals(BODY, r.bytes(), "the application's bytes, untouched");
        Http.Reply range = get("/app/json?Content-Range=bytes%200-10239/20000", "Accept-Encoding: gzip");
        assertNull(range.header("Content-Encoding"), "a Content-Range of its own: never compressed");
    }

    @Test
    void headIsNeverCompressed() throws Exception {
        Http.Reply r = Http.request(server.port(), "HEAD", "/app/json", "Accept-Encoding: gzip");
        assertEquals(200, r.status());
        assertNull(r.header("Content-Encoding"));
        assertEquals("10240", r.header("Content-Length"));
    }

    @Test
    void bodilessStatusesAreNeverCompressed() throws Exception {
        for (int status : new int[] {204, 304}) {
            try (Http h = new Http(server.port())) {
                Http.Reply r = h.send("GET", "/app/status?s=" + status, null, "Accept-Encoding: gzip");
                assertEquals(status, r.status());
                assertNull(r.header("Content-Encoding"), "status " + status);
                assertNull(r.header("Vary"), "status " + status);
                // the connection is still in step: the next response is read whole
                Http.Reply next = h.send("GET", "/app/json", null, "Accept-Encoding: gzip");
                assertArrayEquals(BODY, gunzip(next.bytes()));
            }
        }
        Http.Reply error = get("/app/error", "Accept-Encoding: gzip");
        assertEquals(500, error.status());
        assertEquals("gzip", error.header("Content-Encoding"), "an error body is a body like any other");
        assertArrayEquals(BODY, gunzip(error.bytes()));
    }

    @Test
    void bodiesBelowTheMinimumAndTypesNotListedAreSentAsTheyAre() throws Exception {
        Http.Reply small = get("/app/small", "Accept-Encoding: gzip");
        assertNull(small.header("Content-Encoding"));
        assertNull(small.header("Vary"));
        assertEquals("2047", small.header("Content-Length"));
        Http.Reply declared = get("/app/declared", "Accept-Encoding: gzip");
        assertNull(declared.header("Content-Encoding"), "a declared length below the minimum");
        assertEquals(100, declared.bytes().length);
        Http.Reply png = get("/app/png", "Accept-Encoding: gzip");
        assertNull(png.header("Content-Encoding"));
        assertNull(png.header("Vary"));
        Http.Reply untyped = get("/app/untyped", "Accept-Encoding: gzip");
        assertNull(untyped.header("Content-Encoding"), "no Content-Type, nothing to match");
    }

    @Test
    void offByDefault() throws Exception {
        Http.Reply r = Http.get(off.port(), "/app/json", "Accept-Encoding: gzip");
        assertNull(r.header("Content-Encoding"));
        assertNull(r.header("Vary"));
        assertArrayEquals(BODY, r.bytes());
    }

    @Test
    void keepAliveConnectionsMixCompressedAndPlainResponses() throws Exception {
        try (Http h = new Http(server.port())) {
            for (int i = 0; i < 20; i++) {
                Http.Reply gz = h.send("GET", "/app/json", null, "Accept-Encoding: gzip");
                assertArrayEquals(BODY, gunzip(gz.bytes()), "request " + i);
                Http.Reply plain = h.send("GET", "/app/json", null);
                assertArrayEquals(BODY, plain.bytes(), "request " + i);
            }
        }
    }
}
