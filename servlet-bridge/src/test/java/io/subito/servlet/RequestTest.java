package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.ServletRequestAttributeEvent;
import jakarta.servlet.ServletRequestAttributeListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HttpServletRequest over real HTTP: headers, parameters, cookies, attributes, locales, ids. */
class RequestTest {
    static Subito server;
    static int port;
    static final List<String> events = new CopyOnWriteArrayList<>();
    static final AtomicReference<HttpServletRequest> kept = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/ctx", ctx -> {
            ctx.addServlet("headers", Servlets.text(r -> r.getMethod() + " " + r.getHeader("x-one") + " "
                    + Collections.list(r.getHeaders("X-Multi")) + " " + r.getIntHeader("X-Num") + " "
                    + r.getDateHeader("X-Date") + " " + Collections.list(r.getHeaderNames()).contains("X-One")))
                    .addMapping("/headers");
            ctx.addServlet("params", Servlets.text(r -> {
                Map<String, List<String>> m = new TreeMap<>();
                r.getParameterMap().forEach((k, v) -> m.put(k, List.of(v)));
                return m.toString();
            })).addMapping("/params");
            ctx.addServlet("cookies", Servlets.text(r -> {
                List<String> out = new ArrayList<>();
                Cookie[] cs = r.getCookies();
                if (cs != null) {
                    for (Cookie c : cs) {
                        out.add(c.getName() + "=" + c.getValue());
                    }
                }
                return out.toString();
            })).addMapping("/cookies");
            ctx.addServlet("uri", Servlets.text(r -> r.getRequestURI() + " " + r.getQueryString() + " "
                    + r.getRequestURL() + " " + r.getServerName() + " " + r.getServerPort() + " " + r.getScheme()
                    + " " + r.getProtocol() + " " + r.getRemoteAddr() + " " + r.getLocalPort()))
                    .addMapping("/uri/*");
            ctx.addServlet("attrs", Servlets.text(r -> {
                r.setAttribute("a", "1");
                r.setAttribute("a", "2");
                r.removeAttribute("a");
                return String.valueOf(r.getAttribute("a"));
            })).addMapping("/attrs");
            ctx.addServlet("manyAttrs", Servlets.text(r -> {
                int n = Integer.parseInt(r.getParameter("n"));
                for (int i = 0; i < n; i++) {
                    r.setAttribute("k" + i, i);
                }
                r.setAttribute(new String("k1"), "one"); // an equal name, not the same String
                r.removeAttribute("k0");
                List<String> names = new ArrayList<>();
                for (String name : Collections.list(r.getAttributeNames())) {
                    if (name.startsWith("k")) {
                        names.add(name);
                    }
                }
                return r.getAttribute("k1") + " " + r.getAttribute("k" + (n - 1)) + " " + r.getAttribute("k0") + " "
                        + names.size() + " " + names.get(0) + " " + r.getAttribute(null);
            })).addMapping("/many-attrs");
            ctx.addServlet("locales", Servlets.text(r -> r.getLocale() + " " + Collections.list(r.getLocales())))
                    .addMapping("/locales");
            ctx.addServlet("body", Servlets.text(r -> {
                try {
                    return r.getCharacterEncoding() + ":" + r.getReader().readLine() + ":" + r.getContentLength();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).addMapping("/body");
            ctx.addServlet("ids", Servlets.text(r -> r.getRequestId() + " " + r.getProtocolRequestId() + " "
                    + r.getServletConnection().getConnectionId())).addMapping("/ids");
            ctx.addServlet("keep", Servlets.text(r -> {
                kept.set(r);
                return "kept";
            })).addMapping("/keep");
            ctx.addServlet("stale", Servlets.text(r -> {
                try {
                    return kept.get().getHeader("X-Secret");
                } catch (IllegalStateException e) {
                    return "ISE";
                }
            })).addMapping("/stale");
            ctx.addListener(new ServletRequestListener() {
                @Override
                public void requestInitialized(ServletRequestEvent e) {
                    if (((HttpServletRequest) e.getServletRequest()).getRequestURI().endsWith("/attrs")) {
                        events.add("init");
                    }
                }

                @Override
                public void requestDestroyed(ServletRequestEvent e) {
                    if (((HttpServletRequest) e.getServletRequest()).getRequestURI().endsWith("/attrs")) {
                        events.add("destroyed");
                    }
                }
            });
            ctx.addListener(new ServletRequestAttributeListener() {
                @Override
                public void attributeAdded(ServletRequestAttributeEvent e) {
                    events.add("added " + e.getName() + "=" + e.getValue());
                }

                @Override
                public void attributeReplaced(ServletRequestAttributeEvent e) {
                    events.add("replaced " + e.getName() + "=" + e.getValue());
                }

                @Override
                public void attributeRemoved(ServletRequestAttributeEvent e) {
                    events.add("removed " + e.getName() + "=" + e.getValue());
                }
            });
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void headersAreCaseInsensitiveAndMultiValued() throws Exception {
        Http.Reply r = Http.get(port, "/ctx/headers", "X-One: 1", "X-Multi: a", "X-Multi: b", "X-Num: 42",
                "X-Date: Thu, 01 Jan 1970 00:00:10 GMT");
        assertEquals("GET 1 [a, b] 42 10000 true", r.body());
    }

    @Test
    void missingIntHeaderIsMinusOne() throws Exception {
        assertTrue(Http.get(port, "/ctx/headers").body().startsWith("GET null [] -1 -1"));
    }

    @Test
    void queryAndFormParametersMerge() throws Exception {
        Http.Reply r = Http.post(port, "/ctx/params?a=1&b=x+y&a=%C3%A9", "a=3&c=%26",
                "Content-Type: application/x-www-form-urlencoded");
        assertEquals("{a=[1, é, 3], b=[x y], c=[&]}", r.body());
    }

    @Test
    void formCharsetFollowsContentType() throws Exception {
        Http.Reply r = Http.post(port, "/ctx/params", "n=%E9",
                "Content-Type: application/x-www-form-urlencoded; charset=ISO-8859-1");
        assertEquals("{n=[é]}", r.body());
    }

    @Test
    void formIsNotParsedForGet() throws Exception {
        try (Http h = new Http(port)) {
            Http.Reply r = h.send("GET", "/ctx/params?q=1", "z=2", "Content-Type: application/x-www-form-urlencoded");
            assertEquals("{q=[1]}", r.body());
        }
    }

    @Test
    void cookiesAreParsed() throws Exception {
        assertEquals("[a=1, b=two, c=\"q\"]", Http.get(port, "/ctx/cookies", "Cookie: a=1; b=two", "Cookie: c=\"q\"").body());
        assertEquals("[]", Http.get(port, "/ctx/cookies").body());
    }

    @Test
    void uriPartsAndAddresses() throws Exception {
        Http.Reply r = Http.get(port, "/ctx/uri/a%20b;x=1?q=1", "Host: example.org:8081");
        assertEquals("/ctx/uri/a%20b;x=1 q=1 http://example.org:8081/ctx/uri/a%20b;x=1 example.org 8081 http HTTP/1.1 127.0.0.1 "
                + port, r.body());
    }

    @Test
    void attributeEventsAndRequestLifecycle() throws Exception {
        events.clear();
        assertEquals("null", Http.get(port, "/ctx/attrs").body());
        assertEquals(List.of("init", "added a=1", "replaced a=1", "removed a=2", "destroyed"), events);
    }

    @Test
    void aFewAttributesAreSetReplacedRemovedAndListedInTheOrderTheyWereSet() throws Exception {
        assertEquals("one 4 null 4 k1 null", Http.get(port, "/ctx/many-attrs?n=5").body());
    }

    @Test
    void hundredsOfAttributesOnOneRequestAllStayReadable() throws Exception {
        assertEquals("one 299 null 299 k1 null", Http.get(port, "/ctx/many-attrs?n=300").body(),
                "names past the short list are kept too");
    }

    @Test
    void attributesOfOneRequestAreGoneInTheNextOnTheSameConnection() throws Exception {
        try (Http h = new Http(port)) {
            assertEquals("one 39 null 39 k1 null", h.send("GET", "/ctx/many-attrs?n=40", null).body());
            assertEquals("null", h.send("GET", "/ctx/attrs", null).body());
            assertEquals("one 2 null 2 k1 null", h.send("GET", "/ctx/many-attrs?n=3", null).body());
        }
    }

    @Test
    void withoutAcceptLanguageTheLocaleIsTheServers() throws Exception {
        java.util.Locale d = java.util.Locale.getDefault();
        assertEquals(d + " [" + d + "]", Http.get(port, "/ctx/locales").body());
    }

    @Test
    void oneLanguageWithoutQualityIsTheOnlyLocale() throws Exception {
        assertEquals("pt_BR [pt_BR]", Http.get(port, "/ctx/locales", "Accept-Language:  pt-BR ").body());
        assertEquals("en_GB [en_GB, de]", Http.get(port, "/ctx/locales", "Accept-Language: en-GB", "Accept-Language: de").body());
    }

    @Test
    void localesByQuality() throws Exception {
        assertEquals("fr_CA [fr_CA, en_US, de]",
                Http.get(port, "/ctx/locales", "Accept-Language: de;q=0.5, fr-CA, en-US;q=0.8").body());
    }

    @Test
    void readerUsesRequestCharset() throws Exception {
        try (Http h = new Http(port)) {
            h.raw("POST /ctx/body HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Length: 3\r\n\r\n");
            h.raw(new String("é!".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1));
            assertEquals("UTF-8:é!:3", h.read(false).body());
        }
    }

    @Test
    void chunkedBodyIsRead() throws Exception {
        try (Http h = new Http(port)) {
            h.raw("POST /ctx/body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
            assertEquals("null:abcde:-1", h.read(false).body());
        }
    }

    @Test
    void requestIdsDifferPerRequestOnAConnection() throws Exception {
        try (Http h = new Http(port)) {
            String a = h.send("GET", "/ctx/ids", null).body();
            String b = h.send("GET", "/ctx/ids", null).body();
            String[] pa = a.split(" ");
            String[] pb = b.split(" ");
            assertTrue(!pa[0].equals(pb[0]), a + " / " + b);
            assertEquals(pa[1], pb[1]);
            assertEquals(pa[pa.length - 1], pb[pb.length - 1]);
        }
    }

    @Test
    void aRequestKeptPastItsEndCannotReadTheNextOne() throws Exception {
        try (Http h = new Http(port)) {
            assertEquals("kept", h.send("GET", "/ctx/keep", null).body());
            assertEquals("ISE", h.send("GET", "/ctx/stale", null, "X-Secret: s3cret").body());
        }
    }
}
