package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sendError and exceptions into error pages (Servlet 6.1 section 10.9), and the default report. */
class ErrorPageTest {
    static volatile String secondSendError;
    static final java.util.concurrent.CompletableFuture<String> methodAtRequestEnd = new java.util.concurrent.CompletableFuture<>();
    static Subito server;
    static int port;

    static class AppException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AppException(String m) {
            super(m);
        }
    }

    static class SubAppException extends AppException {
        private static final long serialVersionUID = 1L;

        SubAppException(String m) {
            super(m);
        }
    }

    static class MethodException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MethodException(String m) {
            super(m);
        }
    }

    /** An error page as frameworks write them: only doGet, so a POST or PUT dispatched as such would be 405. */
    static class GetOnlyErrorPage extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setContentType("text/plain");
            res.getWriter().print("error page: " + req.getMethod() + " " + req.getDispatcherType()
                    + " status=" + req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                    + " method=" + req.getAttribute(RequestDispatcher.ERROR_METHOD)
                    + " uri=" + req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                    + " form=" + req.getParameter("f"));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = Subito.builder().port(0).context("/e", ctx -> {
            ctx.addErrorPage(410, "/get-only");
            ctx.addErrorPage(MethodException.class.getName(), "/get-only-forward");
            ctx.addServlet("getOnly", new GetOnlyErrorPage()).addMapping("/get-only");
            // an error page that hands over to a view: the nested forward is still a GET
            ctx.addServlet("getOnlyForward", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
                    req.getRequestDispatcher("/get-only").forward(req, res);
                }
            }).addMapping("/get-only-forward");
            ctx.addServlet("goneForAnyMethod", Servlets.of((req, res) -> res.sendError(410))).addMapping("/gone");
            ctx.addServlet("throwsForAnyMethod", Servlets.of((req, res) -> {
                throw new MethodException("no " + req.getMethod());
            })).addMapping("/method-throws");
            ctx.addServlet("methodAfterError", Servlets.of((req, res) -> res.sendError(410))).addMapping("/method-after");
            ctx.addListener(new jakarta.servlet.ServletRequestListener() {
                @Override
                public void requestDestroyed(jakarta.servlet.ServletRequestEvent e) {
                    var req = (HttpServletRequest) e.getServletRequest();
                    if (req.getRequestURI().equals("/e/method-after")) {
                        methodAtRequestEnd.complete(req.getMethod() + " " + req.getDispatcherType());
                    }
                }
            });
            ctx.addErrorPage(404, "/error");
            ctx.addErrorPage(AppException.class.getName(), "/error");
            ctx.addServlet("error", Servlets.of((req, res) -> {
                res.setContentType("text/plain");
                res.getWriter().print(req.getDispatcherType() + " " + req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                        + " " + req.getAttribute(RequestDispatcher.ERROR_MESSAGE)
                        + " " + req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                        + " " + req.getAttribute(RequestDispatcher.ERROR_SERVLET_NAME)
                        + " " + req.getAttribute(RequestDispatcher.ERROR_EXCEPTION_TYPE));
            })).addMapping("/error");
            ctx.addServlet("missing", Servlets.of((req, res) -> {
                res.setHeader("X-Kept", "yes");
                res.getWriter().print("discarded");
                res.sendError(404, "nope");
                res.getWriter().print("ignored");
            })).addMapping("/missing");
            ctx.addServlet("throws", Servlets.of((req, res) -> {
                throw new SubAppException("boom");
            })).addMapping("/throws");
            ctx.addServlet("wrapped", Servlets.of((req, res) -> {
                throw new ServletException("outer", new AppException("inner"));
            })).addMapping("/wrapped");
            ctx.addServlet("plain500", Servlets.of((req, res) -> {
                throw new IllegalStateException("<b>x</b>");
            })).addMapping("/plain500");
            ctx.addServlet("teapot", Servlets.of((req, res) -> res.sendError(418, "<script>"))).addMapping("/teapot");
            ctx.addServlet("unavailable", Servlets.of((req, res) -> {
                throw new UnavailableException("later", 5);
            })).addMapping("/unavailable");
            ctx.addListener(new jakarta.servlet.ServletRequestListener() {
                @Override
                public void requestInitialized(jakarta.servlet.ServletRequestEvent e) {
                    if ("boom".equals(e.getServletRequest().getParameter("listener"))) {
                        throw new AppException("from a listener");
                    }
                }
            });
            ctx.addServlet("twice", Servlets.of((req, res) -> {
                res.sendError(400);
                try {
                    res.sendError(500);
                } catch (IllegalStateException e) {
                    secondSendError = "ISE";
                    res.setHeader("X-Ignored", "after sendError");
                }
            })).addMapping("/twice");
        }).start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void sendErrorGoesToStatusPageWithAttributes() throws Exception {
        Http.Reply r = Http.get(port, "/e/missing");
        assertEquals(404, r.status());
        assertEquals("ERROR 404 nope /e/missing missing null", r.body());
        assertEquals("yes", r.header("X-Kept"));
    }

    @Test
    void unmappedPathUsesThe404Page() throws Exception {
        Http.Reply r = Http.get(port, "/e/no/such/thing.txt");
        assertEquals(404, r.status());
        assertTrue(r.body().startsWith("ERROR 404 "), r.body());
    }

    @Test
    void exceptionMatchesNearestSuperclass() throws Exception {
        Http.Reply r = Http.get(port, "/e/throws");
        assertEquals(500, r.status());
        assertEquals("ERROR 500 boom /e/throws throws class io.subito.servlet.ErrorPageTest$SubAppException", r.body());
    }

    @Test
    void servletExceptionIsUnwrappedToItsRootCause() throws Exception {
        Http.Reply r = Http.get(port, "/e/wrapped");
        assertEquals(500, r.status());
        assertEquals("ERROR 500 inner /e/wrapped wrapped class io.subito.servlet.ErrorPageTest$AppException", r.body());
    }

    @Test
    void defaultReportWhenNoPageIsMappedAndMessageIsEscaped() throws Exception {
        Http.Reply r = Http.get(port, "/e/teapot");
        assertEquals(418, r.status());
        assertTrue(r.body().contains("HTTP Status 418"), r.body());
        assertTrue(r.body().contains("&lt;script&gt;"), r.body());
        assertEquals("text/html;charset=utf-8", r.header("Content-Type"));
        Http.Reply e = Http.get(port, "/e/plain500");
        assertEquals(500, e.status());
        assertTrue(!e.body().contains("<b>x</b>"), "exception text must not leak unescaped");
    }

    @Test
    void aFailingRequestListenerGetsTheErrorPageAndTheConnectionStaysUsable() throws Exception {
        try (Http h = new Http(port)) {
            Http.Reply r = h.send("GET", "/e/missing?listener=boom", null);
            assertEquals(500, r.status());
            assertTrue(r.body().startsWith("ERROR 500 from a listener"), r.body());
            assertEquals(404, h.send("GET", "/e/missing", null).status());
        }
    }

    @Test
    void temporarilyUnavailableIs503WithRetryAfter() throws Exception {
        Http.Reply r = Http.get(port, "/e/unavailable");
        assertEquals(503, r.status());
        assertEquals("5", r.header("Retry-After"));
    }

    @Test
    void aPostAnsweredWithSendErrorReachesAGetOnlyErrorPageAsGet() throws Exception {
        Http.Reply r = Http.post(port, "/e/gone", "f=1", "Content-Type: application/x-www-form-urlencoded");
        assertEquals(410, r.status(), r.body());
        assertEquals("error page: GET ERROR status=410 method=POST uri=/e/gone form=1", r.body());
    }

    @Test
    void aPutWhoseServletThrowsReachesAGetOnlyErrorPageThroughAForwardAsGet() throws Exception {
        Http.Reply r = Http.request(port, "PUT", "/e/method-throws", "Content-Length: 0");
        assertEquals(500, r.status(), r.body());
        assertEquals("error page: GET FORWARD status=500 method=PUT uri=/e/method-throws form=null", r.body());
    }

    @Test
    void aDeleteAndAHeadGetTheErrorStatusTooAndHeadNoBody() throws Exception {
        Http.Reply delete = Http.request(port, "DELETE", "/e/gone");
        assertEquals(410, delete.status());
        assertEquals("error page: GET ERROR status=410 method=DELETE uri=/e/gone form=null", delete.body());
        try (Http h = new Http(port)) {
            Http.Reply head = h.send("HEAD", "/e/gone", null);
            assertEquals(410, head.status());
            assertEquals(0, head.bytes().length);
            // the connection is still in step: nothing of the error page's body was sent
            assertEquals(410, h.send("GET", "/e/gone", null).status());
        }
    }

    @Test
    void theMethodIsTheRequestsOwnAgainAfterTheErrorDispatch() throws Exception {
        Http.Reply r = Http.post(port, "/e/method-after", "");
        assertEquals(410, r.status());
        assertEquals("error page: GET ERROR status=410 method=POST uri=/e/method-after form=null", r.body());
        assertEquals("POST REQUEST", methodAtRequestEnd.get(30, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void secondSendErrorIsIllegal() throws Exception {
        Http.Reply r = Http.get(port, "/e/twice");
        assertEquals(400, r.status());
        assertEquals("ISE", secondSendError);
        assertEquals(null, r.header("X-Ignored"), "headers set after sendError are ignored");
    }
}
