package io.subito.servlet.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.LocalApp;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Error pages in memory: by status, by exception type (the nearest superclass), and the container's own. */
class LocalErrorPageTest {
    private static LocalApp app;

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

    @BeforeAll
    static void start() throws Exception {
        app = LocalApp.of("/e", ctx -> {
            ctx.addErrorPage(404, "/not-found");
            ctx.addErrorPage(AppException.class.getName(), "/app-error");
            ctx.addServlet("notFound", Servlets.text(r -> "no such page: "
                    + r.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + " "
                    + r.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) + " " + r.getDispatcherType()))
                    .addMapping("/not-found");
            ctx.addServlet("appError", Servlets.text(r -> "app error: "
                    + ((Throwable) r.getAttribute(RequestDispatcher.ERROR_EXCEPTION)).getMessage() + " "
                    + r.getAttribute(RequestDispatcher.ERROR_STATUS_CODE))).addMapping("/app-error");
            ctx.addServlet("missing", Servlets.of((req, res) -> res.sendError(404))).addMapping("/missing");
            ctx.addServlet("throwsSub", Servlets.of((req, res) -> {
                throw new SubAppException("sub");
            })).addMapping("/sub");
            ctx.addServlet("throwsOther", Servlets.of((req, res) -> {
                throw new IllegalStateException("secret detail");
            })).addMapping("/other");
            ctx.addServlet("teapot", Servlets.of((req, res) -> res.sendError(418, "short and stout")))
                    .addMapping("/teapot");
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aStatusErrorPageGetsTheOriginalUriAndKeepsTheStatus() {
        Http.Reply r = app.get("/e/missing");
        assertEquals(404, r.status());
        assertEquals("no such page: /e/missing 404 ERROR", r.body());
    }

    @Test
    void aPathNoServletServesReachesTheSameErrorPage() {
        Http.Reply r = app.get("/e/nowhere.txt");
        assertEquals(404, r.status());
        assertEquals("no such page: /e/nowhere.txt 404 ERROR", r.body());
    }

    @Test
    void anExceptionFindsThePageOfItsNearestMappedSuperclass() {
        Http.Reply r = app.get("/e/sub");
        assertEquals(500, r.status());
        assertEquals("app error: sub 500", r.body());
    }

    @Test
    void anUnmappedExceptionIsA500WithoutItsDetails() {
        Http.Reply r = app.get("/e/other");
        assertEquals(500, r.status());
        assertFalse(r.body().contains("secret detail"), r.body());
    }

    @Test
    void anUnmappedStatusGetsTheContainersPageWithItsMessage() {
        Http.Reply r = app.get("/e/teapot");
        assertEquals(418, r.status());
        assertTrue(r.body().contains("short and stout"), r.body());
    }
}
