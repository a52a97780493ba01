package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** forward, include and named dispatch with the spec's attributes (Servlet 6.1 chapter 9). */
class DispatcherTest {
    static Subito server;
    static int port;

    static String view(HttpServletRequest r) {
        return r.getDispatcherType() + " " + r.getRequestURI() + " " + r.getServletPath() + " " + r.getPathInfo() + " "
                + r.getQueryString() + " p=" + String.join(",", r.getParameterValues("p") == null ? new String[0]
                : r.getParameterValues("p"));
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/d", ctx -> {
            ctx.addServlet("target", Servlets.of((req, res) -> {
                res.setContentType("text/plain");
                HttpServletMapping fm = (HttpServletMapping) req.getAttribute(RequestDispatcher.FORWARD_MAPPING);
                res.getWriter().print(view(req) + " | " + req.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) + " "
                        + req.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH) + " "
                        + req.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING) + " "
                        + (fm == null ? null : fm.getServletName()) + " " + req.getHttpServletMapping().getServletName());
            })).addMapping("/target/*");
            ctx.addServlet("forwarder", Servlets.of((req, res) -> {
                res.getWriter().print("lost");
                req.getRequestDispatcher("/target/x?p=2").forward(req, res);
                res.getWriter().print(" after");
            })).addMapping("/fwd");
            ctx.addServlet("inc", Servlets.of((req, res) -> {
                res.setContentType("text/plain");
                res.setHeader("X-Inc", "nope");
                res.getWriter().print("[" + view(req) + " | "
                        + req.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI) + " "
                        + req.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH) + " "
                        + req.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO) + " "
                        + req.getAttribute(RequestDispatcher.INCLUDE_QUERY_STRING) + "]");
                res.setStatus(500);
            })).addMapping("/inc/*");
            ctx.addServlet("includer", Servlets.of((req, res) -> {
                res.setContentType("text/plain");
                res.getWriter().print("before ");
                req.getRequestDispatcher("inc/y?p=3").include(req, res);
                res.getWriter().print(" after " + req.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI));
            })).addMapping("/includer");
            ctx.addServlet("named", Servlets.of((req, res) -> req.getServletContext().getNamedDispatcher("target")
                    .forward(req, res))).addMapping("/named");
            ctx.addServlet("wrapper", Servlets.of((req, res) -> {
                HttpServletRequestWrapper w = new HttpServletRequestWrapper(req) {
                    @Override
                    public String getHeader(String name) {
                        return "wrapped";
                    }
                };
                req.getRequestDispatcher("/hdr").forward(w, res);
            })).addMapping("/wrapper");
            ctx.addServlet("hdr", Servlets.text(r -> r.getHeader("anything") + " " + r.getServletPath()))
                    .addMapping("/hdr");
            ctx.addServlet("committed", Servlets.of((req, res) -> {
                res.getWriter().print("x");
                res.flushBuffer();
                try {
                    req.getRequestDispatcher("/target/z").forward(req, res);
                } catch (IllegalStateException e) {
                    res.getWriter().print(" ISE");
                }
            })).addMapping("/committed");
            ctx.addServlet("escape", Servlets.text(r -> {
                StringBuilder sb = new StringBuilder();
                for (String p : new String[] {"/../x", "/%2e%2e/x", "/.%2E/target/x", "/target/../../x", "/..;x/target/x"}) {
                    sb.append(p).append(' ').append(r.getServletContext().getRequestDispatcher(p) == null)
                            .append(' ').append(r.getRequestDispatcher(p) == null).append('\n');
                }
                // relative to /escape/deep (servlet path /escape, path info /deep): "../.." leaves the context
                sb.append("../../x ").append(r.getRequestDispatcher("../../x") == null).append('\n');
                sb.append("../target/x ").append(r.getRequestDispatcher("../target/x") == null).append('\n');
                sb.append("/a/../target/x?p=5 ").append(r.getServletContext().getRequestDispatcher("/a/../target/x?p=5") == null);
                return sb.toString();
            })).addMapping("/escape/*");
            ctx.addServlet("insideAfterDots", Servlets.of((req, res) ->
                    req.getRequestDispatcher("/a/../target/x?p=5").forward(req, res))).addMapping("/dots");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void forwardChangesPathsKeepsOriginalsInAttributesAndMergesParameters() throws Exception {
        Http.Reply r = Http.get(port, "/d/fwd?p=1");
        assertEquals("FORWARD /d/target/x /target /x p=2 p=2,1 | /d/fwd /fwd p=1 forwarder target", r.body());
    }

    @Test
    void includeKeepsPathsAndCannotChangeStatusOrHeaders() throws Exception {
        Http.Reply r = Http.get(port, "/d/includer?p=1");
        assertEquals(200, r.status());
        assertNull(r.header("X-Inc"));
        assertEquals("before [INCLUDE /d/includer /includer null p=1 p=3,1 | /d/inc/y /inc /y p=3] after null", r.body());
    }

    @Test
    void namedForwardKeepsThePath() throws Exception {
        assertEquals("FORWARD /d/named /named null null p= | null null null null named", Http.get(port, "/d/named").body());
    }

    @Test
    void wrappedRequestIsWhatTheTargetSees() throws Exception {
        assertEquals("wrapped /hdr", Http.get(port, "/d/wrapper").body());
    }

    @Test
    void aPathThatLeavesTheContextGetsNoDispatcher() throws Exception {
        Http.Reply r = Http.get(port, "/d/escape/deep");
        assertEquals(200, r.status());
        assertEquals("/../x true true\n/%2e%2e/x true true\n/.%2E/target/x true true\n/target/../../x true true\n"
                + "/..;x/target/x true true\n../../x true\n../target/x false\n/a/../target/x?p=5 false", r.body());
    }

    @Test
    void dotSegmentsThatStayInsideTheContextStillDispatch() throws Exception {
        Http.Reply r = Http.get(port, "/d/dots");
        assertEquals(200, r.status());
        assertTrue(r.body().startsWith("FORWARD ") && r.body().contains(" /target /x p=5 p=5 |"), r.body());
    }

    @Test
    void forwardAfterCommitIsIllegal() throws Exception {
        assertEquals("x ISE", Http.get(port, "/d/committed").body());
    }
}
