package io.subito.servlet;

import io.subito.servlet.config.RequestLimits;
import io.subito.servlet.config.ResponseSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The form, parameter and multipart limits set through the builder, over a socket. */
class RequestLimitsTest {
    static final int FORM_BYTES = 64;
    static final int PARAMETERS = 5;
    static final long MULTIPART_BYTES = 300;
    static final String FORM = "Content-Type: application/x-www-form-urlencoded";
    static final String MULTIPART = "Content-Type: multipart/form-data; boundary=XyZ";

    static Subito server;
    static int port;
    static final List<String> logged = new CopyOnWriteArrayList<>();
    static final Logger LOG = Logger.getLogger("io.subito.servlet");
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() throws Exception {
        LOG.addHandler(CAPTURE);
        server = Subito.builder().port(0)
                .requestLimits(new RequestLimits(FORM_BYTES, PARAMETERS, MULTIPART_BYTES))
                .context("/l", ctx -> {
                    ctx.addServlet("params", Servlets.text(req -> req.getParameterMap().keySet().toString()))
                            .addMapping("/params");
                    var up = ctx.addServlet("upload", Servlets.of((req, res) -> {
                        try {
                            Part p = req.getPart("file");
                            res.getWriter().print("parts " + req.getParts().size() + " " + p.getSize());
                        } catch (IllegalStateException e) {
                            res.getWriter().print("ISE " + e.getMessage());
                        }
                    }));
                    up.setMultipartConfig(new MultipartConfigElement((String) null)); // no maxRequestSize
                    up.addMapping("/upload");
                }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
        LOG.removeHandler(CAPTURE);
    }

    /** An urlencoded body of exactly {@code size} bytes with parameters a and b. */
    private static String form(int size) {
        String head = "a=1&b=";
        return head + "x".repeat(size - head.length());
    }

    @Test
    void formAtTheLimitIsParsedAndOneByteMoreIsNot() throws Exception {
        assertEquals("[a, b]", Http.post(port, "/l/params", form(FORM_BYTES), FORM).body());
        Http.Reply over = Http.post(port, "/l/params", form(FORM_BYTES + 1), FORM);
        assertEquals(200, over.status());
        assertEquals("[]", over.body());
        assertTrue(logged.stream().anyMatch(m -> m.contains("maxFormBytes=" + FORM_BYTES)), logged.toString());
    }

    @Test
    void chunkedFormIsCutOffAtTheLimitAsItArrives() throws Exception {
        assertEquals("[a, b]", chunkedForm(form(FORM_BYTES)));
        assertEquals("[]", chunkedForm(form(FORM_BYTES + 1)));
    }

    /** A form without Content-Length, so only counting the bytes read can find it too large. */
    private static String chunkedForm(String body) throws Exception {
        try (Http h = new Http(port)) {
            h.raw("POST /l/params HTTP/1.1\r\nHost: localhost\r\n" + FORM + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
            return h.read(false).body();
        }
    }

    @Test
    void queryStringIsStillParsedBesideAnOversizeForm() throws Exception {
        assertEquals("[q]", Http.post(port, "/l/params?q=1", form(FORM_BYTES + 1), FORM).body());
    }

    @Test
    void parametersBeyondTheCountAreDropped() throws Exception {
        assertEquals("[p1, p2, p3, p4, p5]", Http.get(port, "/l/params?p1&p2&p3&p4&p5").body());
        assertEquals("[p1, p2, p3, p4, p5]", Http.get(port, "/l/params?p1&p2&p3&p4&p5&p6&p7").body());
        assertEquals("[p1, p2, p3, p4, p5]", Http.post(port, "/l/params", "p1&p2&p3&p4&p5&p6", FORM).body());
        assertTrue(logged.stream().anyMatch(m -> m.contains("maxParameterCount")), logged.toString());
    }

    @Test
    void multipartBodyOverTheCapIsRefused() throws Exception {
        String small = multipart(10);
        assertTrue(small.length() <= MULTIPART_BYTES);
        assertEquals("parts 1 10", Http.post(port, "/l/upload", small, MULTIPART).body());
        String big = multipart((int) MULTIPART_BYTES);
        String reply = Http.post(port, "/l/upload", big, MULTIPART).body();
        assertTrue(reply.startsWith("ISE ") && reply.contains("maxMultipartBytes=" + MULTIPART_BYTES), reply);
    }

    private static String multipart(int fileBytes) {
        return "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
                + "y".repeat(fileBytes) + "\r\n"
                + "--XyZ--\r\n";
    }

    @Test
    void contextsWithoutTheirOwnLimitsGetTheBuildersAndOutOfRangeIsRefusedByName() {
        assertEquals(FORM_BYTES, server.context("/l").requestLimits().maxFormBytes());
        assertThrows(IllegalStateException.class, () -> server.context("/l").setRequestLimits(RequestLimits.DEFAULTS));
        assertSame(RequestLimits.DEFAULTS, new WebAppContext("/x", null, null).requestLimits());
        assertEquals(2 * 1024 * 1024, RequestLimits.DEFAULTS.maxFormBytes());
        assertEquals(10_000, RequestLimits.DEFAULTS.maxParameterCount());
        assertEquals(64L * 1024 * 1024, RequestLimits.DEFAULTS.maxMultipartBytes());
        assertEquals(50, RequestLimits.DEFAULTS.maxPartCount(), "Tomcat 11's maxPartCount");
        assertEquals(512, RequestLimits.DEFAULTS.maxPartHeaderBytes(), "Tomcat 11's maxPartHeaderSize");
        assertEquals(50, server.context("/l").requestLimits().maxPartCount(), "the three-value constructor keeps the part defaults");
        assertEquals(7, RequestLimits.DEFAULTS.withMaxPartCount(7).maxPartCount());
        assertEquals(9, RequestLimits.DEFAULTS.withMaxPartHeaderBytes(9).maxPartHeaderBytes());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RequestLimits.DEFAULTS.withMaxPartCount(-1))
                .getMessage().contains("maxPartCount"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RequestLimits.DEFAULTS.withMaxPartHeaderBytes(-1))
                .getMessage().contains("maxPartHeaderBytes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestLimits.DEFAULTS.withMaxParameterCount(-1));
        assertTrue(e.getMessage().contains("maxParameterCount"), e.getMessage());
    }
}
