package io.subito.sessions.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.Subito;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.session.store.SessionStoreSettings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** sessionStore=jdbc on a real PostgreSQL, shared by two running servers. */
class JdbcSessionStoreTest {
    @RegisterExtension
    static final PostgresServer PG = new PostgresServer();

    static final List<String> destroyed = new CopyOnWriteArrayList<>();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Subito a;
    Subito b;

    @BeforeEach
    void start() throws Exception {
        destroyed.clear();
        a = server();
        b = server();
    }

    @AfterEach
    void stop() {
        a.stop();
        b.stop();
    }

    private Subito server() throws Exception {
        return Subito.builder().port(0).context("/app", this::configure).start();
    }

    private void configure(WebAppContext ctx) {
        ctx.sessions().configureStore(new SessionStoreSettings("app", Path.of("."), Map.of(
                SessionStoreSettings.STORE, "jdbc", JdbcStoreProvider.URL, PG.url(), JdbcStoreProvider.USER, PG.user(),
                JdbcStoreProvider.TIMEOUT_MILLIS, "1000", "sessionStore.sweepMillis", "200")));
        ctx.addListener(new HttpSessionListener() {
            @Override
            public void sessionDestroyed(HttpSessionEvent se) {
                destroyed.add(se.getSession().getId() + " n=" + se.getSession().getAttribute("n"));
            }
        });
        ctx.addServlet("count", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                HttpSession s = req.getSession();
                if ("short".equals(req.getQueryString())) {
                    s.setMaxInactiveInterval(1);
                }
                Integer n = (Integer) s.getAttribute("n");
                s.setAttribute("n", n == null ? 1 : n + 1);
                if (n != null && n == 1) {
                    s.setAttribute("second", "x");
                }
                if ("drop".equals(req.getQueryString())) {
                    s.removeAttribute("second");
                }
                res.getWriter().print(s.getAttribute("n") + " " + s.getAttribute("second"));
            }
        }).addMapping("/count");
        ctx.addServlet("change", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                req.getSession();
                res.getWriter().print(req.changeSessionId());
            }
        }).addMapping("/change");
        ctx.addServlet("none", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.getWriter().print("no session");
            }
        }).addMapping("/none");
    }

    private HttpResponse<String> get(Subito s, String path, String cookie) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<String> r) {
        String sc = r.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie"));
        return sc.substring(0, sc.indexOf(';'));
    }

    @Test
    void aCounterAlternatingBetweenTwoServersReachesTwoHundred() throws Exception {
        String c = cookie(get(a, "/app/count", null));
        String last = null;
        for (int i = 2; i <= 200; i++) {
            last = get(i % 2 == 0 ? b : a, "/app/count", c).body();
        }
        assertEquals("200 x", last);
        assertEquals("201 null", get(a, "/app/count?drop", c).body(), "a removed attribute is removed in the store");
        assertEquals("202 null", get(b, "/app/count", c).body());
    }

    @Test
    void theTablesAreCreatedWhenMissing() throws Exception {
        get(a, "/app/count", null);
        try (Connection c = DriverManager.getConnection(PG.url(), PG.user(), null);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'subito_sessions%' ORDER BY 1")) {
            assertTrue(rs.next());
            assertEquals("subito_sessions", rs.getString(1));
            assertTrue(rs.next());
            assertEquals("subito_sessions_attributes", rs.getString(1));
        }
    }

    @Test
    void changeSessionIdMovesTheSessionAndItsAttributes() throws Exception {
        String c = cookie(get(a, "/app/count", null));
        get(a, "/app/count", c);
        String newId = get(b, "/app/change", c).body();
        assertEquals("3 x", get(a, "/app/count", "JSESSIONID=" + newId).body());
        assertEquals("1 null", get(a, "/app/count", c).body(), "the old id is gone");
    }

    @Test
    void anExpiredSessionIsNeverReturnedAndDestroyedOnceAcrossBothServers() throws Exception {
        String c = cookie(get(a, "/app/count?short", null));
        long deadline = System.currentTimeMillis() + 30_000;
        while (destroyed.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1000); // several more sweeps of both servers
        assertEquals(List.of(c.substring(c.indexOf('=') + 1) + " n=1"), destroyed);
        assertEquals("1 null", get(b, "/app/count", c).body());
    }

    @Test
    void aDatabaseThatIsDownGets503QuicklyAndTheStoreReconnectsWhenItIsBack() throws Exception {
        String c = cookie(get(a, "/app/count", null));
        PG.stop();
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(a, "/app/count", c);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(ms < 15_000, "answered in " + ms + " ms");
            assertEquals(200, get(b, "/app/none", c).statusCode(), "a request without a session is served");
        } finally {
            PG.start();
        }
        String body = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = get(b, "/app/count", c);
            if (r.statusCode() == 200) {
                body = r.body();
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("2 x", body);
    }

    @Test
    void anIdOfAnotherShapeIsNeverLookedUp() throws Exception {
        HttpResponse<String> r = get(a, "/app/count", "JSESSIONID=' OR '1'='1");
        assertEquals("1 null", r.body(), "a new session");
        assertTrue(cookie(r).matches("JSESSIONID=[0-9A-F]{32}"), cookie(r));
    }
}
