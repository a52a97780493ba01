package io.subito.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.container.LogCapture;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The servlet layer's own background work outlives the applications' Errors (the session sweeper),
 * and a graceful stop names the application of a request it has to cut.
 */
class ServerThreadsSurvivalTest {

    /** An application's own Error, thrown where the container calls it from one of its threads. */
    static final class ListenerError extends Error {
        private static final long serialVersionUID = 1L;

        ListenerError(String message) {
            super(message);
        }
    }

    @Test
    void aSessionListenerThrowingAnErrorDuringTheSweepDoesNotStopSessionsFromExpiring() throws Exception {
        Set<String> destroyed = ConcurrentHashMap.newKeySet();
        Subito server = Subito.builder().port(0).context("/s", ctx -> {
            ctx.addListener(new HttpSessionListener() {
                @Override
                public void sessionDestroyed(HttpSessionEvent e) {
                    if ("bad".equals(e.getSession().getAttribute("kind"))) {
                        throw new ListenerError("sessionDestroyed threw an Error");
                    }
                    destroyed.add(e.getSession().getId());
                }
            });
            ctx.addServlet("short", Servlets.text(r -> {
                HttpSession s = r.getSession();
                s.setMaxInactiveInterval(1);
                s.setAttribute("kind", r.getParameter("kind"));
                return s.getId();
            })).addMapping("/short");
        }).start();
        try (LogCapture log = new LogCapture("io.subito")) {
            int port = server.port();
            Http.get(port, "/s/short?kind=bad");
            String good = Http.get(port, "/s/short?kind=good").body();
            // the sweep runs every 5 s: the bad session's Error is reported, the good one still expires
            log.await("the session sweeper failed", "sessionDestroyed threw an Error");
            awaitDestroyed(destroyed, good);
            // and the sweep was not cancelled by the Error: a session made afterwards expires too
            String later = Http.get(port, "/s/short?kind=good").body();
            awaitDestroyed(destroyed, later);
            assertEquals(200, Http.get(port, "/s/short?kind=good").status(), "the app serves on");
        } finally {
            server.stop();
        }
    }

    private static void awaitDestroyed(Set<String> destroyed, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!destroyed.contains(id) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(destroyed.contains(id), "session " + id + " expired by the sweeper");
    }

    @Test
    void aRequestCutByTheStopIsLoggedWithMethodPathAppAndHowLongItRan() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Subito server = Subito.builder().port(0).config(c -> c.shutdownGraceMillis(400)).context("/shop", ctx ->
                ctx.addServlet("stuck", Servlets.text(r -> {
                    entered.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "late";
                })).addMapping("/checkout")).start();
        try (LogCapture log = new LogCapture("io.subito")) {
            Thread client = new Thread(() -> {
                try {
                    Http.get(server.port(), "/shop/checkout?cart=1");
                } catch (java.io.IOException expected) {
                    // cut by the stop
                }
            });
            client.start();
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            Thread stopper = new Thread(server::stop);
            stopper.start();
            String line = LogCapture.text(log.await("stop cut GET /shop/checkout (app /shop), running for"));
            Matcher ran = Pattern.compile("running for (\\d+) ms").matcher(line);
            assertTrue(ran.find() && Long.parseLong(ran.group(1)) >= 400, line);
            release.countDown();
            stopper.join(20_000);
            client.join(10_000);
        } finally {
            release.countDown();
            server.stop();
        }
    }
}
