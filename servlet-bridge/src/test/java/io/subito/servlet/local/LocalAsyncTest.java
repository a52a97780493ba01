package io.subito.servlet.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.support.Http;
import io.subito.servlet.support.LocalApp;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous requests in memory: completed by another thread, dispatched, timed out. The
 * request's thread is the test's; the application's threads hand the end back to the connection.
 */
class LocalAsyncTest {
    private static final List<String> events = new CopyOnWriteArrayList<>();
    private static LocalApp app;

    /** Records what the listener is told, and on a timeout answers if {@code answer} says so. */
    static AsyncListener recording(boolean answer) {
        return new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent e) {
                events.add("complete");
            }

            @Override
            public void onTimeout(AsyncEvent e) throws IOException {
                events.add("timeout");
                if (answer) {
                    e.getAsyncContext().getResponse().getWriter().print("timed out politely");
                    e.getAsyncContext().complete();
                }
            }

            @Override
            public void onError(AsyncEvent e) {
                events.add("error");
            }

            @Override
            public void onStartAsync(AsyncEvent e) {
                events.add("restarted");
            }
        };
    }

    @BeforeAll
    static void start() throws Exception {
        app = LocalApp.of("/as", ctx -> {
            var complete = ctx.addServlet("complete", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                ac.addListener(recording(false));
                ac.start(() -> {
                    try {
                        ac.getResponse().getWriter().print("done " + req.getParameter("n") + " " + req.isAsyncStarted());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    ac.complete();
                });
            }));
            complete.setAsyncSupported(true);
            complete.addMapping("/complete");
            var dispatch = ctx.addServlet("dispatch", Servlets.of((req, res) -> {
                if (req.getDispatcherType() == DispatcherType.ASYNC) {
                    res.getWriter().print("async " + req.getPathInfo() + " "
                            + req.getAttribute(AsyncContext.ASYNC_REQUEST_URI));
                    return;
                }
                AsyncContext ac = req.startAsync();
                ac.start(() -> ac.dispatch("/dispatch/again"));
            }));
            dispatch.setAsyncSupported(true);
            dispatch.addMapping("/dispatch/*");
            var timeout = ctx.addServlet("timeout", Servlets.of((req, res) -> {
                AsyncContext ac = req.startAsync();
                ac.setTimeout(100);
                ac.addListener(recording(req.getParameter("answer") != null));
            }));
            timeout.setAsyncSupported(true);
            timeout.addMapping("/timeout");
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    @Test
    void aRequestCompletedOnAnotherThreadIsAnsweredAndItsListenerTold() {
        Http.Reply r = app.get("/as/complete?n=1");
        assertEquals(200, r.status());
        assertEquals("done 1 true", r.body());
        assertEquals(List.of("complete"), events);
    }

    @Test
    void pipelinedAsyncRequestsAreAnsweredInOrder() {
        String requests = "GET /as/complete?n=1 HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /as/complete?n=2 HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /as/dispatch/x HTTP/1.1\r\nHost: t\r\n\r\n";
        List<Http.Reply> replies = app.pipelined(3, requests);
        assertEquals(List.of("done 1 true", "done 2 true", "async /again /as/dispatch/x"),
                replies.stream().map(Http.Reply::body).toList());
    }

    @Test
    void aDispatchRunsTheTargetAsAnAsyncDispatchWithTheOriginalUri() {
        assertEquals("async /again /as/dispatch/first", app.get("/as/dispatch/first").body());
    }

    @Test
    void anUnansweredTimeoutBecomesA500() {
        Http.Reply r = app.get("/as/timeout");
        assertEquals(500, r.status());
        assertEquals(List.of("timeout", "complete"), events);
    }

    @Test
    void aListenerMayAnswerTheTimeout() {
        Http.Reply r = app.get("/as/timeout?answer=1");
        assertEquals(200, r.status());
        assertEquals("timed out politely", r.body());
        assertTrue(events.containsAll(List.of("timeout", "complete")), events.toString());
    }
}
