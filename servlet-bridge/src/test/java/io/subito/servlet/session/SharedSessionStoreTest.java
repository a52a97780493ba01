package io.subito.servlet.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.Subito;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.session.store.SessionChange;
import io.subito.servlet.session.store.SessionStoreSettings;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The servlet layer over a shared store (a map standing in for Redis or a database, shared by
 * two running servers as by two instances behind a load balancer): what is loaded and saved
 * when, expiry claimed once, ids that are not ours, a store that is down, a cap on size.
 */
class SharedSessionStoreTest {
    static final List<String> destroyed = new CopyOnWriteArrayList<>();
    static final List<String> logged = new CopyOnWriteArrayList<>();
    static final Handler LOG = new Handler() {
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

    String name;
    MapSharedStore store;
    Subito a;
    Subito b;

    @BeforeEach
    void start() throws Exception {
        name = "t" + System.nanoTime();
        store = MapSharedStore.named(name);
        destroyed.clear();
        logged.clear();
        Logger.getLogger("").addHandler(LOG);
        a = server();
        b = server();
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(LOG);
        a.stop();
        b.stop();
        MapSharedStore.BY_NAME.remove(name);
    }

    private Subito server() throws Exception {
        return Subito.builder().port(0).context("/app", this::configure).start();
    }

    private void configure(WebAppContext ctx) {
        ctx.sessions().configureStore(new SessionStoreSettings("app", Path.of("."), Map.of(
                SessionStoreSettings.STORE, "test-shared", "sessionStore.test.name", name,
                SessionManager.SWEEP_MILLIS, "100", SessionStoreSettings.MAX_BYTES, "4096")));
        ctx.addListener(new HttpSessionListener() {
            @Override
            public void sessionDestroyed(HttpSessionEvent se) {
                destroyed.add(se.getSession().getId() + " n=" + se.getSession().getAttribute("n"));
            }
        });
        ctx.addServlet("count", Servlets.text(r -> {
            HttpSession s = r.getSession();
            Integer n = (Integer) s.getAttribute("n");
            s.setAttribute("n", n == null ? 1 : n + 1);
            return String.valueOf(s.getAttribute("n"));
        })).addMapping("/count");
        ctx.addServlet("read", Servlets.text(r -> String.valueOf(r.getSession().getAttribute("n")))).addMapping("/read");
        ctx.addServlet("none", Servlets.text(r -> "no session used")).addMapping("/none");
        ctx.addServlet("append", Servlets.text(r -> {
            HttpSession s = r.getSession();
            @SuppressWarnings("unchecked")
            List<String> items = (List<String>) s.getAttribute("items");
            if (items == null) {
                s.setAttribute("items", items = new ArrayList<>());
            }
            items.add("x"); // changed in place, never set again
            return String.valueOf(items.size());
        })).addMapping("/append");
        ctx.addServlet("big", Servlets.text(r -> {
            r.getSession().setAttribute("big", new byte[8000]);
            return "set";
        })).addMapping("/big");
        ctx.addServlet("change", Servlets.text(r -> {
            r.getSession();
            return r.changeSessionId();
        })).addMapping("/change");
        ctx.addServlet("short", Servlets.text(r -> {
            r.getSession().setMaxInactiveInterval(1);
            r.getSession().setAttribute("n", 7);
            return "short";
        })).addMapping("/short");
        ctx.addServlet("object", Servlets.text(r -> {
            try {
                r.getSession().setAttribute("thing", new Object());
                return "accepted";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        })).addMapping("/object");
    }

    private static String cookie(Http.Reply r) {
        String sc = r.header("Set-Cookie");
        assertNotNull(sc, "no Set-Cookie");
        return "Cookie: " + sc.substring(0, sc.indexOf(';'));
    }

    private static String id(String cookie) {
        return cookie.substring(cookie.indexOf('=') + 1);
    }

    @Test
    void aCounterAlternatingBetweenTwoServersCountsEveryRequest() throws Exception {
        String c = cookie(Http.get(a.port(), "/app/count"));
        for (int i = 2; i <= 20; i++) {
            Subito s = i % 2 == 0 ? b : a;
            assertEquals(String.valueOf(i), Http.get(s.port(), "/app/count", c).body());
        }
    }

    @Test
    void aRequestThatDoesNotTouchTheSessionCostsTheStoreNothing() throws Exception {
        String c = cookie(Http.get(a.port(), "/app/count"));
        store.calls.clear();
        assertEquals("no session used", Http.get(a.port(), "/app/none", c).body());
        assertEquals(List.of(), store.calls);
    }

    @Test
    void aRequestLoadsOnceAndWritesBackOnlyWhatItChanged() throws Exception {
        String c = cookie(Http.get(a.port(), "/app/count"));
        Http.get(a.port(), "/app/append", c);
        store.calls.clear();
        store.saves.clear();
        assertEquals("2", Http.get(b.port(), "/app/count", c).body());
        assertEquals(List.of("load " + id(c), "save " + id(c)), store.calls);
        SessionChange change = store.saves.get(0);
        assertEquals(Map.of("n", true), Map.of("n", change.set().containsKey("n")));
        assertEquals(1, change.set().size(), "the list was not read, so it is not written: " + change);

        store.saves.clear();
        assertEquals("2", Http.get(a.port(), "/app/read", c).body());
        assertEquals(0, store.saves.get(0).set().size(), "a read changes only the access time: " + store.saves.get(0));
    }

    @Test
    void aMutableAttributeChangedInPlaceIsWrittenBack() throws Exception {
        String c = cookie(Http.get(a.port(), "/app/append"));
        assertEquals("2", Http.get(b.port(), "/app/append", c).body());
        assertEquals("3", Http.get(a.port(), "/app/append", c).body());
    }

    @Test
    void idsThatAreNotOursNeverReachTheStore() throws Exception {
        for (String bad : List.of("*", "A*", "0123456789abcdef0123456789abcdef", "0123456789ABCDEF", "0123456789ABCDEF0123456789ABCDEFF",
                "{0123456789ABCDEF0123456789ABCD}", "..%2F..%2Fetc")) {
            Http.get(a.port(), "/app/read", "Cookie: JSESSIONID=" + bad);
            Http.get(a.port(), "/app/read;jsessionid=" + bad);
        }
        assertTrue(store.calls.stream().noneMatch(x -> x.startsWith("load")), store.calls.toString());
    }

    @Test
    void aStoreThatIsDownGets503AndRequestsWithoutASessionAreServed() throws Exception {
        String c = cookie(Http.get(a.port(), "/app/count"));
        store.down = true;
        Http.Reply r = Http.get(a.port(), "/app/count", c);
        assertEquals(503, r.status(), r.body());
        assertTrue(r.body().contains("session store"), r.body());
        assertEquals(200, Http.get(a.port(), "/app/none", c).status());
        assertTrue(logged.stream().anyMatch(m -> m != null && m.contains("test store is down")), logged.toString());
        store.down = false;
        assertEquals("2", Http.get(b.port(), "/app/count", c).body(), "back once the store is");
    }

    @Test
    void aSessionOverTheSizeCapIsNotSavedAndSaysSoInTheLog() throws Exception {
        String c = cookie(Http.get(a.port(), "/app/count"));
        Http.get(a.port(), "/app/big", c);
        assertTrue(logged.stream().anyMatch(m -> m != null && m.contains("sessionStore.maxBytes=4096")), logged.toString());
        assertNull(store.data.get(id(c)).attributes().get("big"));
        assertEquals("2", Http.get(b.port(), "/app/count", c).body());
    }

    @Test
    void changeSessionIdMovesTheSessionInTheStore() throws Exception {
        String c = cookie(Http.get(a.port(), "/app/count"));
        String newId = Http.get(a.port(), "/app/change", c).body();
        assertEquals(null, store.data.get(id(c)));
        assertEquals("2", Http.get(b.port(), "/app/count", "Cookie: JSESSIONID=" + newId).body());
    }

    @Test
    void aNonSerializableAttributeIsRefusedNamingItAndItsClass() throws Exception {
        String msg = Http.get(a.port(), "/app/object").body();
        assertTrue(msg.contains("session attribute thing") && msg.contains("java.lang.Object is not Serializable"), msg);
    }

    @Test
    void anExpiredSessionIsNeverReturnedAndIsDestroyedOnceAcrossBothServers() throws Exception {
        String c = cookie(Http.get(a.port(), "/app/short"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (destroyed.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // waiting for the sweeps of both servers, every 100 ms
        }
        Thread.sleep(500); // several more sweeps of each
        assertEquals(List.of(id(c) + " n=7"), destroyed);
        assertEquals("null", Http.get(b.port(), "/app/read", c).body(), "a new, empty session");
    }
}
