package io.subito.sessions.redis;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** sessionStore=redis on a real redis-server, shared by two running servers. */
class RedisSessionStoreTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

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
                SessionStoreSettings.STORE, "redis", RedisStoreProvider.URI, REDIS.uri(), RedisStoreProvider.PREFIX, "t:",
                RedisStoreProvider.TIMEOUT_MILLIS, "1000", "sessionStore.sweepMillis", "200")));
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
    void aSessionIsOneHashUnderThePrefixWithATtlAndAttributesAsFields() throws Exception {
        String c = cookie(get(a, "/app/count", null));
        get(b, "/app/count", c);
        String id = c.substring(c.indexOf('=') + 1);
        List<String> fields = redis("HKEYS", "t:app:" + id);
        assertEquals(List.of("a:n", "a:second", "creationTime", "lastAccessedTime", "maxInactive"),
                fields.stream().sorted().toList());
        long ttl = Long.parseLong(redis("PTTL", "t:app:" + id).get(0));
        assertTrue(ttl > 30 * 60_000 && ttl <= 30 * 60_000 + RedisStore.CLAIM_GRACE_MILLIS, "PTTL " + ttl);
    }

    /** One command over a plain socket (RESP), answers as text: what redis-cli would show. */
    private static List<String> redis(String... words) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", REDIS.port())) {
            StringBuilder cmd = new StringBuilder("*" + words.length + "\r\n");
            for (String w : words) {
                cmd.append('$').append(w.length()).append("\r\n").append(w).append("\r\n");
            }
            s.getOutputStream().write(cmd.toString().getBytes());
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream()));
            String head = in.readLine();
            List<String> out = new java.util.ArrayList<>();
            if (head.startsWith(":") || head.startsWith("+")) {
                out.add(head.substring(1));
            } else if (head.startsWith("*")) {
                for (int i = Integer.parseInt(head.substring(1)); i > 0; i--) {
                    in.readLine();
                    out.add(in.readLine());
                }
            } else {
                throw new IOException("unexpected reply " + head);
            }
            return out;
        }
    }

    @Test
    void aKeyPatternAsSessionIdNeverReachesRedis() throws Exception {
        get(a, "/app/count", null);
        HttpResponse<String> r = get(a, "/app/count", "JSESSIONID=*");
        assertEquals("1 null", r.body(), "a new session");
        assertTrue(cookie(r).matches("JSESSIONID=[0-9A-F]{32}"), cookie(r));
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
    void aRedisThatIsDownGets503QuicklyAndTheStoreReconnectsWhenItIsBack() throws Exception {
        String c = cookie(get(a, "/app/count", null));
        REDIS.stop();
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(a, "/app/count", c);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(ms < 15_000, "answered in " + ms + " ms");
            assertEquals(200, get(b, "/app/none", c).statusCode(), "a request without a session is served");
        } finally {
            REDIS.start();
        }
        HttpResponse<String> back = untilServed(b, c);
        // this test's Redis keeps nothing on disk, so the restart lost the session: a new one, served
        assertEquals("1 null", back.body());
        // each server's connection comes back on its own schedule (Lettuce's reconnect back-off)
        assertEquals("2 x", untilServed(a, cookie(back)).body(), "both servers use the reconnected store");
    }

    /** Asks until the answer is not the store's 503 (a 503 changes nothing), for up to 30 s. */
    private HttpResponse<String> untilServed(Subito server, String cookie) throws Exception {
        HttpResponse<String> r = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            r = get(server, "/app/count", cookie);
            if (r.statusCode() != 503) {
                break;
            }
            Thread.sleep(200);
        }
        return r;
    }

    @Test
    void anIdOfAnotherShapeIsNeverLookedUp() throws Exception {
        HttpResponse<String> r = get(a, "/app/count", "JSESSIONID=' OR '1'='1");
        assertEquals("1 null", r.body(), "a new session");
        assertTrue(cookie(r).matches("JSESSIONID=[0-9A-F]{32}"), cookie(r));
    }
}
