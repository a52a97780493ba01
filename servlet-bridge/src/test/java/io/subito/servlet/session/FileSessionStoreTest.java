package io.subito.servlet.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.Subito;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.session.store.FileStore;
import io.subito.servlet.session.store.SessionRecord;
import io.subito.servlet.session.store.SessionStoreSettings;
import io.subito.servlet.support.Http;
import io.subito.servlet.support.Servlets;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store: sessions written at a graceful stop and served again after the next start. */
class FileSessionStoreTest {
    static final List<String> events = new CopyOnWriteArrayList<>();
    static final List<String> logged = new CopyOnWriteArrayList<>();
    static final Handler LOG = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(String.valueOf(r.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Hears its session leave and come back. */
    public static final class Cart implements HttpSessionActivationListener, Serializable {
        private static final long serialVersionUID = 1L;
        final String item;

        Cart(String item) {
            this.item = item;
        }

        @Override
        public void sessionWillPassivate(HttpSessionEvent se) {
            events.add("passivate " + item);
        }

        @Override
        public void sessionDidActivate(HttpSessionEvent se) {
            events.add("activate " + item);
        }
    }

    @TempDir
    Path home;

    @BeforeEach
    void hook() {
        events.clear();
        logged.clear();
        Logger.getLogger("").addHandler(LOG);
    }

    @AfterEach
    void unhook() {
        Logger.getLogger("").removeHandler(LOG);
    }

    private Subito server(String store, boolean distributable) throws Exception {
        return Subito.builder().port(0).context("/shop", ctx -> configure(ctx, store, distributable)).start();
    }

    private void configure(WebAppContext ctx, String store, boolean distributable) {
        ctx.sessions().configureStore(new SessionStoreSettings("shop", home, Map.of(SessionStoreSettings.STORE, store)));
        ctx.setDistributable(distributable);
        ctx.addListener(new HttpSessionListener() {
            @Override
            public void sessionDestroyed(HttpSessionEvent se) {
                events.add("destroyed");
            }
        });
        ctx.addServlet("count", Servlets.text(r -> {
            HttpSession s = r.getSession();
            Integer n = (Integer) s.getAttribute("n");
            s.setAttribute("n", n == null ? 1 : n + 1);
            if (s.getAttribute("cart") == null) {
                s.setAttribute("cart", new Cart("book"));
            }
            return s.getAttribute("n") + " " + ((Cart) s.getAttribute("cart")).item;
        })).addMapping("/count");
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

    @Test
    void sessionsWrittenAtStopAreServedAgainAfterTheNextStart() throws Exception {
        Subito first = server("file", false);
        String c = cookie(Http.get(first.port(), "/shop/count"));
        assertEquals("2 book", Http.get(first.port(), "/shop/count", c).body());
        first.stop();
        assertEquals(List.of("passivate book"), events, "written, not destroyed");
        assertEquals(1, Files.list(home.resolve("sessions/shop")).count());

        Subito second = server("file", false);
        try {
            assertEquals("3 book", Http.get(second.port(), "/shop/count", c).body());
            assertEquals(List.of("passivate book", "activate book"), events);
            assertEquals(0, Files.list(home.resolve("sessions/shop")).count(), "taken back from the file");
        } finally {
            second.stop();
        }
    }

    @Test
    void aSessionWhoseClassChangedIncompatiblyIsDroppedWithALogLineAndTheAppStarts() throws Exception {
        Subito first = server("file", false);
        String kept = cookie(Http.get(first.port(), "/shop/count"));
        String broken = cookie(Http.get(first.port(), "/shop/count"));
        first.stop();
        // as if Cart had been recompiled with another serialVersionUID
        String id = broken.substring(broken.indexOf('=') + 1);
        Path file = home.resolve("sessions/shop/" + id + ".session");
        SessionRecord r = FileStore.decode(Files.readAllBytes(file));
        byte[] cart = r.attributes().get("cart").clone();
        int at = indexOf(cart, Cart.class.getName().getBytes(StandardCharsets.UTF_8)) + Cart.class.getName().length();
        cart[at + 7] ^= 1; // the last byte of the serialVersionUID after the class name
        Map<String, byte[]> attrs = new java.util.HashMap<>(r.attributes());
        attrs.put("cart", cart);
        Files.write(file, FileStore.encode(new SessionRecord(r.id(), r.creationTime(), r.lastAccessedTime(),
                r.maxInactiveSeconds(), attrs)));

        Subito second = server("file", false);
        try {
            assertEquals("2 book", Http.get(second.port(), "/shop/count", kept).body());
            assertEquals("1 book", Http.get(second.port(), "/shop/count", broken).body(), "a new session");
            assertTrue(logged.stream().anyMatch(m -> m.contains("dropped: its attribute cart cannot be read back")
                    && m.contains("InvalidClassException")), logged.toString());
        } finally {
            second.stop();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void aNonSerializableAttributeIsRefusedWhenSetNamingTheAttributeAndItsClass() throws Exception {
        Subito s = server("file", false);
        try {
            String msg = Http.get(s.port(), "/shop/object").body();
            assertEquals("session attribute thing: java.lang.Object is not Serializable, and this application's sessions"
                    + " are kept by the file session store", msg);
        } finally {
            s.stop();
        }
    }

    @Test
    void theMemoryStoreTakesAnyAttributeAndEndsSessionsAtStop() throws Exception {
        Subito s = server("memory", false);
        Http.get(s.port(), "/shop/count");
        assertEquals("accepted", Http.get(s.port(), "/shop/object").body());
        s.stop();
        assertEquals(List.of("destroyed", "destroyed"), events);
        assertTrue(!Files.exists(home.resolve("sessions")));
    }

    @Test
    void aDistributableAppRefusesNonSerializableAttributesEvenInMemory() throws Exception {
        Subito s = server("memory", true);
        try {
            String msg = Http.get(s.port(), "/shop/object").body();
            assertTrue(msg.endsWith("are distributable (web.xml <distributable/>)"), msg);
        } finally {
            s.stop();
        }
    }
}
