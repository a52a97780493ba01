package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.subito.container.H2Client;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The request and response cases of the Servlet TCK's core subset that matter most for a new
 * protocol, ported to HTTP/2 (the TCK's own client speaks HTTP/1.1 only): each request goes as
 * an HTTP/2 stream, with prior knowledge over a raw socket, to a servlet that reports what the
 * Servlet API shows of it; the response is checked as the client receives it. Named after the
 * TCK's test classes they follow ({@code servlet.tck.api.jakarta_servlet_http.httpservletrequest}
 * and {@code ...httpservletresponse}).
 */
class Http2RequestResponseTest {
    static Subito server;

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/tck", ctx -> {
            ctx.addServlet("request", Servlets.text(r -> {
                Map<String, String> m = new TreeMap<>();
                m.put("protocol", r.getProtocol());
                m.put("scheme", r.getScheme() + " secure=" + r.isSecure());
                m.put("server", r.getServerName() + ":" + r.getServerPort());
                m.put("uri", r.getRequestURI() + " url=" + r.getRequestURL());
                m.put("paths", r.getContextPath() + "|" + r.getServletPath() + "|" + r.getPathInfo());
                m.put("query", r.getQueryString() + " a=" + String.join(",", r.getParameterValues("a") == null ? new String[0] : r.getParameterValues("a")));
                m.put("x-multi", r.getHeader("X-MULTI") + " all=" + Collections.list(r.getHeaders("x-Multi")));
                m.put("int", Integer.toString(r.getIntHeader("x-int")) + " missing=" + r.getIntHeader("x-none"));
                m.put("date", Long.toString(r.getDateHeader("if-modified-since")));
                StringBuilder cookies = new StringBuilder();
                for (Cookie c : r.getCookies() == null ? new Cookie[0] : r.getCookies()) {
                    cookies.append(c.getName()).append('=').append(c.getValue()).append(';');
                }
                m.put("cookies", cookies.toString());
                return m.toString();
            })).addMapping("/request/*");
            ctx.addServlet("form", Servlets.of((req, res) -> {
                res.setContentType("text/plain;charset=UTF-8");
                res.getWriter().print(req.getContentType() + "|" + req.getContentLength() + "|" + req.getCharacterEncoding()
                        + "|" + req.getParameter("name") + "|" + String.join(",", req.getParameterValues("v")));
            })).addMapping("/form");
            ctx.addServlet("response", Servlets.of((req, res) -> {
                switch (req.getPathInfo()) {
                    case "/error" -> res.sendError(404, "nothing here");
                    case "/redirect" -> res.sendRedirect("target?x=1");
                    case "/headers" -> {
                        res.setHeader("X-Set", "one");
                        res.setHeader("X-Set", "two");
                        res.addHeader("X-Add", "a");
                        res.addHeader("X-Add", "b");
                        res.setIntHeader("X-Int", 42);
                        res.setDateHeader("X-Date", 0);
                        res.getWriter().print(res.containsHeader("x-set") + " " + res.getHeaders("X-Add"));
                    }
                    case "/length" -> {
                        res.setContentLength(5);
                        res.getOutputStream().write("12345".getBytes(StandardCharsets.US_ASCII));
                    }
                    case "/charset" -> {
                        res.setContentType("text/plain");
                        res.setCharacterEncoding("UTF-8");
                        res.getWriter().print("grüße €");
                    }
                    case "/reset" -> {
                        res.setHeader("X-Gone", "yes");
                        res.getWriter().print("discarded");
                        res.reset();
                        res.setStatus(202);
                        res.getWriter().print("kept");
                    }
                    default -> res.setStatus(400);
                }
            })).addMapping("/response/*");
        }).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** One request as stream 1 of a new connection; {@code more} are its further fields. */
    private static H2Client.Response request(String method, String path, byte[] body, String... more) throws Exception {
        try (H2Client c = new H2Client(server.port())) {
            String[] fields = new String[8 + more.length];
            String[] pseudo = {":method", method, ":scheme", "http", ":path", path, ":authority", "h2.example:8443"};
            System.arraycopy(pseudo, 0, fields, 0, 8);
            System.arraycopy(more, 0, fields, 8, more.length);
            c.headers(1, body == null, fields);
            if (body != null) {
                c.w.data(1, body, 0, body.length, true);
                c.send();
            }
            return c.response(1);
        }
    }

    private static Map<String, String> reported(H2Client.Response r) {
        Map<String, String> m = new TreeMap<>();
        String text = r.text();
        for (String entry : text.substring(1, text.length() - 1).split(", (?=[a-z-]+=)")) {
            int eq = entry.indexOf('=');
            m.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return m;
    }

    @Test
    @DisplayName("httpservletrequest: getProtocol, getScheme, isSecure, getServerName and getServerPort come from the stream's pseudo-fields")
    void protocolSchemeAndServer() throws Exception {
        Map<String, String> m = reported(request("GET", "/tck/request/x", null));
        assertEquals("HTTP/2.0", m.get("protocol"));
        assertEquals("http secure=false", m.get("scheme"));
        assertEquals("h2.example:8443", m.get("server"), ":authority gives the server name and port");
    }

    @Test
    @DisplayName("httpservletrequest: getRequestURI, getRequestURL, getContextPath, getServletPath, getPathInfo")
    void paths() throws Exception {
        Map<String, String> m = reported(request("GET", "/tck/request/a%20b/c?q=1", null));
        assertEquals("/tck/request/a%20b/c url=http://h2.example:8443/tck/request/a%20b/c", m.get("uri"));
        assertEquals("/tck|/request|/a b/c", m.get("paths"));
    }

    @Test
    @DisplayName("httpservletrequest: getQueryString and getParameterValues of a query")
    void queryAndParameters() throws Exception {
        Map<String, String> m = reported(request("GET", "/tck/request/q?a=1&b=2&a=3", null));
        assertEquals("a=1&b=2&a=3 a=1,3", m.get("query"));
    }

    @Test
    @DisplayName("httpservletrequest: getHeader and getHeaders ignore the name's case; repeated fields are all there")
    void headersByAnyCase() throws Exception {
        Map<String, String> m = reported(request("GET", "/tck/request/h", null, "x-multi", "first", "x-multi", "second"));
        assertEquals("first all=[first, second]", m.get("x-multi"));
    }

    @Test
    @DisplayName("httpservletrequest: getIntHeader and getDateHeader parse the field; -1 when absent")
    void intAndDateHeaders() throws Exception {
        Map<String, String> m = reported(request("GET", "/tck/request/d", null,
                "x-int", "123", "if-modified-since", "Thu, 01 Jan 1970 00:00:10 GMT"));
        assertEquals("123 missing=-1", m.get("int"));
        assertEquals("10000", m.get("date"));
    }

    @Test
    @DisplayName("httpservletrequest: getCookies of several cookie fields (RFC 9113 section 8.2.3 splits them; the server joins them)")
    void cookiesFromSeveralFields() throws Exception {
        Map<String, String> m = reported(request("GET", "/tck/request/c", null, "cookie", "a=1", "cookie", "b=2; c=3"));
        assertEquals("a=1;b=2;c=3;", m.get("cookies"));
    }

    @Test
    @DisplayName("servletrequest: getContentType, getContentLength, getCharacterEncoding and form parameters of a POST body")
    void formPost() throws Exception {
        byte[] body = "name=h%C3%A9llo&v=1&v=2".getBytes(StandardCharsets.US_ASCII);
        H2Client.Response r = request("POST", "/tck/form", body,
                "content-type", "application/x-www-form-urlencoded; charset=UTF-8", "content-length", Integer.toString(body.length));
        assertEquals("application/x-www-form-urlencoded; charset=UTF-8|" + body.length + "|UTF-8|héllo|1,2", r.text());
    }

    @Test
    @DisplayName("httpservletresponse: sendError sets the status and an error body")
    void sendError() throws Exception {
        H2Client.Response r = request("GET", "/tck/response/error", null);
        assertEquals("404", r.status());
    }

    @Test
    @DisplayName("httpservletresponse: sendRedirect answers 302 with a relative Location resolved against the request's path")
    void sendRedirect() throws Exception {
        H2Client.Response r = request("GET", "/tck/response/redirect", null);
        assertEquals("302", r.status());
        assertEquals("/tck/response/target?x=1", r.fields().get("location"));
    }

    @Test
    @DisplayName("httpservletresponse: setHeader replaces, addHeader adds, setIntHeader and setDateHeader format, containsHeader ignores case")
    void responseHeaders() throws Exception {
        H2Client.Response r = request("GET", "/tck/response/headers", null);
        assertEquals("two", r.fields().get("x-set"));
        assertEquals("a, b", r.fields().get("x-add"));
        assertEquals("42", r.fields().get("x-int"));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", r.fields().get("x-date"));
        assertEquals("true [a, b]", r.text());
    }

    @Test
    @DisplayName("servletresponse: setContentLength is the content-length; HEAD gets it without a body")
    void contentLengthAndHead() throws Exception {
        H2Client.Response get = request("GET", "/tck/response/length", null);
        assertEquals("5", get.fields().get("content-length"), "fields " + get.fields());
        assertEquals("12345", get.text());
        H2Client.Response head = request("HEAD", "/tck/response/length", null);
        assertEquals("200", head.status());
        assertEquals("5", head.fields().get("content-length"));
        assertEquals(0, head.body().length);
    }

    @Test
    @DisplayName("servletresponse: setCharacterEncoding and setContentType make the content-type; the writer encodes with it")
    void charset() throws Exception {
        H2Client.Response r = request("GET", "/tck/response/charset", null);
        assertEquals("text/plain;charset=UTF-8", r.fields().get("content-type"));
        assertEquals("grüße €", r.text());
    }

    @Test
    @DisplayName("servletresponse: reset before the commit drops the status, the headers and the buffered body")
    void resetBeforeCommit() throws Exception {
        H2Client.Response r = request("GET", "/tck/response/reset", null);
        assertEquals("202", r.status());
        assertNull(r.fields().get("x-gone"));
        assertEquals("kept", r.text());
    }
}
