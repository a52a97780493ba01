package io.subito.sessions.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.deploy.ServerProcess;
import io.subito.deploy.WarBuilder;
import io.subito.sessions.jdbc.PostgresServer;
import io.subito.sessions.redis.RedisServer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.example.scaleout.CounterServlet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real server processes ({@code Server.main}, as bin/start.sh runs it) behind a real
 * HAProxy, round robin without stickiness, each serving the same FORM-protected counter three
 * times: {@code /r} on a shared redis-server, {@code /j} on a shared PostgreSQL, {@code /f} on
 * each instance's own file store. The processes are shared by the tests (a start costs seconds);
 * each test logs in its own users. The one that kills an instance runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    @RegisterExtension
    static final PostgresServer PG = new PostgresServer();

    static final String[] SHARED = {"r", "j"};

    @TempDir
    static Path dir;
    final HttpClient client = Visitor.client();
    final ServerProcess[] instances = new ServerProcess[2];
    /** One per shared store, so that each store's user takes its own turns between the instances. */
    final Haproxy[] haproxies = new Haproxy[SHARED.length];

    @BeforeAll
    void start() throws Exception {
        for (int i = 0; i < instances.length; i++) {
            Path home = Files.createDirectories(dir.resolve("instance" + i));
            install(home);
            instances[i] = new ServerProcess(home, ServerProcess.freePort(), "loops=2\nthreads=32\n");
        }
        for (ServerProcess p : instances) {
            p.awaitBanner();
        }
        for (int i = 0; i < SHARED.length; i++) {
            haproxies[i] = new Haproxy(Files.createDirectories(dir.resolve("haproxy-" + SHARED[i])), "/r/port",
                    instances[0].port, instances[1].port);
        }
        awaitBothInstancesUpBehindHaproxy();
    }

    @AfterAll
    void stop() throws Exception {
        for (Haproxy h : haproxies) {
            if (h != null) {
                h.close();
            }
        }
        for (ServerProcess p : instances) {
            if (p != null) {
                p.close();
            }
        }
    }

    /** The same counter as r.war, j.war and f.war, each app with its store in conf/apps/NAME.properties. */
    private static void install(Path home) throws Exception {
        Files.createDirectories(home.resolve("conf/apps"));
        Files.writeString(home.resolve("conf/users.properties"), "alice=secret,user\n");
        Files.writeString(home.resolve("conf/apps/r.properties"), "sessionStore=redis\nsessionStore.redis.uri=" + REDIS.uri()
                + "\nsessionStore.redis.prefix=scaleout:\n");
        Files.writeString(home.resolve("conf/apps/j.properties"), "sessionStore=jdbc\nsessionStore.jdbc.url=" + PG.url()
                + "\nsessionStore.jdbc.user=" + PG.user() + "\n");
        Files.writeString(home.resolve("conf/apps/f.properties"), "sessionStore=file\n");
        for (String app : List.of("r", "j", "f")) {
            counterWar().writeTo(home.resolve("webapps/" + app + ".war"));
        }
    }

    private static WarBuilder counterWar() {
        return new WarBuilder().webInfClasses(CounterServlet.class).add("login.html", "<p>login form</p>")
                .add("denied.html", "login failed").add("WEB-INF/web.xml", """
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                          <servlet><servlet-name>count</servlet-name>
                            <servlet-class>org.example.scaleout.CounterServlet</servlet-class></servlet>
                          <servlet-mapping><servlet-name>count</servlet-name><url-pattern>/count</url-pattern>
                            <url-pattern>/port</url-pattern></servlet-mapping>
                          <security-constraint>
                            <web-resource-collection><web-resource-name>c</web-resource-name>
                              <url-pattern>/count</url-pattern></web-resource-collection>
                            <auth-constraint><role-name>user</role-name></auth-constraint>
                          </security-constraint>
                          <security-role><role-name>user</role-name></security-role>
                          <login-config><auth-method>FORM</auth-method>
                            <form-login-config><form-login-page>/login.html</form-login-page>
                              <form-error-page>/denied.html</form-error-page></form-login-config>
                          </login-config>
                        </web-app>
                        """);
    }

    private String viaHaproxy(String app) {
        return "http://127.0.0.1:" + haproxies[List.of(SHARED).indexOf(app)].port + "/" + app;
    }

    private static String direct(ServerProcess p, String app) {
        return "http://127.0.0.1:" + p.port + "/" + app;
    }

    /** Until HAProxy's health checks have seen both (after a start or a restart). */
    private void awaitBothInstancesUpBehindHaproxy() throws Exception {
        for (String app : SHARED) {
            awaitBothInstancesUpBehindHaproxy(app);
        }
    }

    private void awaitBothInstancesUpBehindHaproxy(String app) throws Exception {
        Set<Integer> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (seen.size() < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("HAProxy sent requests only to " + seen + ":\n"
                        + haproxies[List.of(SHARED).indexOf(app)].log());
            }
            int port = Visitor.port(client, viaHaproxy(app));
            if (port > 0) {
                seen.add(port);
            } else {
                Thread.sleep(50);
            }
        }
    }

    @Test
    @Order(1)
    void aFormLoginThenAThousandRequestsAlternatingBetweenInstancesCountToAThousandOnBothSharedStores() throws Exception {
        // both stores at once (each user's requests stay sequential), to keep the test short
        List<java.util.concurrent.CompletableFuture<Void>> runs = new ArrayList<>();
        for (String app : SHARED) {
            runs.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    countToAThousandTakingTurns(app);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        }
        for (java.util.concurrent.CompletableFuture<Void> run : runs) {
            try {
                run.get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Error err ? err : new AssertionError(e.getCause());
            }
        }
    }

    private void countToAThousandTakingTurns(String app) throws Exception {
        Visitor v = new Visitor(client, viaHaproxy(app)).login("alice", "secret");
        Map<Integer, Integer> perPort = new TreeMap<>();
        int alternations = 0;
        int lastPort = -1;
        for (int i = 1; i <= 1000; i++) {
            Visitor.Count c = v.count();
            assertEquals(i + " alice", c.n() + " " + c.user(), "/" + app + " request " + i + ": " + c);
            assertFalse(c.newCookie(), "/" + app + " request " + i + " got a new session: " + c);
            perPort.merge(c.port(), 1, Integer::sum);
            alternations += lastPort >= 0 && c.port() != lastPort ? 1 : 0;
            lastPort = c.port();
        }
        assertEquals(2, perPort.size(), "/" + app + ": both instances served: " + perPort);
        assertTrue(alternations >= 900, "/" + app + ": the instances took turns (" + alternations
                + " changes of instance in 1000 requests): " + perPort);
    }

    @Test
    @Order(2)
    void aGracefulRestartOfBothInstancesKeepsEverySessionTheFileStoresOnesIncluded() throws Exception {
        List<Visitor> file = new ArrayList<>();
        for (ServerProcess p : instances) {
            Visitor v = new Visitor(client, direct(p, "f")).login("alice", "secret");
            assertEquals(3, v.count(3).n());
            file.add(v);
        }
        List<Visitor> shared = new ArrayList<>();
        for (String app : SHARED) {
            Visitor v = new Visitor(client, viaHaproxy(app)).login("alice", "secret");
            assertEquals(3, v.count(3).n());
            shared.add(v);
        }

        for (int i = 0; i < instances.length; i++) {
            ServerProcess old = instances[i];
            int exit = old.stop();
            assertTrue(exit == 0 || exit == 143, "graceful stop exit code " + exit + ":\n" + old.text());
            instances[i] = new ServerProcess(old.home, old.port, "loops=2\nthreads=32\n");
        }
        for (ServerProcess p : instances) {
            p.awaitBanner();
        }
        awaitBothInstancesUpBehindHaproxy();

        for (int i = 0; i < file.size(); i++) {
            Visitor.Count c = file.get(i).count();
            assertEquals("4 alice " + instances[i].port, c.n() + " " + c.user() + " " + c.port(), "/f on instance " + i);
            assertFalse(c.newCookie(), c.toString());
        }
        for (Visitor v : shared) {
            Visitor.Count c = v.count();
            assertEquals("4 alice", c.n() + " " + c.user(), c.toString());
            assertFalse(c.newCookie(), c.toString());
        }
    }

    /**
     * Users keep counting through HAProxy while instance 0 gets SIGKILL. A request in flight on
     * it may fail (502), but the count it made may have been saved before the kill; so each
     * answer must be above the last answered count by at least one and at most one plus the
     * failures since: nothing answered is lost, and nothing is counted twice.
     */
    @Test
    @Order(3)
    void killingOneInstanceUnderLoadLosesNothingAnsweredAndTheUsersGoOnOnTheOther() throws Exception {
        int perApp = 4;
        List<Runner> runners = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        List<String> problems = new CopyOnWriteArrayList<>();
        for (String app : SHARED) {
            for (int u = 0; u < perApp; u++) {
                Visitor v = new Visitor(client, viaHaproxy(app)).login("alice", "secret");
                runners.add(new Runner(app + "#" + u, v, done, problems));
            }
        }
        runners.forEach(r -> r.thread.start());
        try {
            awaitEach(runners, 20, r -> r.answered);
            ServerProcess killed = instances[0];
            killed.process.destroyForcibly(); // SIGKILL: no graceful stop, nothing written out
            assertTrue(killed.process.waitFor(30, TimeUnit.SECONDS));
            runners.forEach(Runner::markKill);
            awaitEach(runners, 30, r -> r.answeredAfterKill);
        } finally {
            done.set(true);
            for (Runner r : runners) {
                r.thread.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
        for (Runner r : runners) { // in the test's output: how the kill went for each user
            System.out.println(r.name + ": " + r.answered + " answered, " + r.answeredAfterKill + " after the kill, "
                    + r.failures + " failed " + r.failureNotes);
        }
        assertEquals(List.of(), problems);
        int survivor = instances[1].port;
        for (Runner r : runners) {
            assertEquals(Set.of(survivor), r.portsAfterKill, r.name + ": after the kill only the other instance answers");
            assertTrue(r.failures <= 2, r.name + ": " + r.failures + " requests failed around the kill: " + r.failureNotes);
        }
    }

    private static void awaitEach(List<Runner> runners, int count, java.util.function.ToIntFunction<Runner> of)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Runner r : runners) {
            while (of.applyAsInt(r) < count) {
                if (System.nanoTime() > deadline || !r.thread.isAlive()) {
                    throw new AssertionError(r.name + " got only " + of.applyAsInt(r) + " answers; failures: "
                            + r.failureNotes);
                }
                Thread.sleep(20);
            }
        }
    }

    /** One user counting in a loop, checking every answer against the last one it was given. */
    static final class Runner {
        final String name;
        final Thread thread;
        final Set<Integer> portsAfterKill = new HashSet<>();
        final List<String> failureNotes = new CopyOnWriteArrayList<>();
        volatile int answered;
        volatile int answeredAfterKill;
        volatile int failures;
        private volatile boolean killed;

        Runner(String name, Visitor v, AtomicBoolean done, List<String> problems) {
            this.name = name;
            this.thread = new Thread(() -> {
                int last = 0;
                int failedSince = 0;
                while (!done.get()) {
                    boolean afterKill = killed; // read before the request: it was sent after the kill
                    Visitor.Count c;
                    try {
                        c = v.count();
                    } catch (Exception e) {
                        c = new Visitor.Count(-1, -1, e.toString(), -1, false);
                    }
                    if (c.status() != 200) {
                        failures++;
                        failedSince++;
                        failureNotes.add(c.toString());
                        continue;
                    }
                    if (c.n() <= last || c.n() > last + 1 + failedSince || !"alice".equals(c.user()) || c.newCookie()) {
                        problems.add(name + ": after " + last + " (and " + failedSince + " failed) got " + c);
                    }
                    last = c.n();
                    failedSince = 0;
                    answered++;
                    if (afterKill) {
                        portsAfterKill.add(c.port());
                        answeredAfterKill++;
                    }
                }
            }, "user " + name);
        }

        void markKill() {
            killed = true;
        }
    }
}
