package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import org.example.webapp.ThrowingServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * errorDetails=off|local|on over real sockets: what the container's own error page shows of an
 * exception (and of a JSP that does not compile) to a loopback client, to one that came through a
 * proxy, and, where the machine has an address that is not loopback, to a client there.
 */
class ErrorDetailsOverHttpTest {
    @TempDir
    Path home;

    private void deployThrowingApp() throws Exception {
        new WarBuilder().webInfClasses(ThrowingServlet.class)
                .add("bad.jsp", "<html>\n<% int x = ; %>\n</html>")
                .writeTo(Files.createDirectories(home.resolve("webapps")).resolve("app.war"));
    }

    @Test
    void offByDefaultThePageIsBare() throws Exception {
        deployThrowingApp();
        try (RunningServer s = new RunningServer(home)) {
            RunningServer.Reply r = s.get("/app/throw");
            assertEquals(500, r.status());
            assertFalse(r.body().contains("IllegalStateException") || r.body().contains("ThrowingServlet.java")
                    || r.body().contains("broken"), r.body());
            assertFalse(r.body().toLowerCase().contains("subito"), "no server name or version: " + r.body());
            assertFalse(s.get("/app/bad.jsp").body().contains("line"), "nor a JSP's compile error");
        }
    }

    @Test
    void localShowsTheEscapedTraceToLoopbackClientsButNotThroughAProxy() throws Exception {
        deployThrowingApp();
        try (RunningServer s = new RunningServer(home, "errorDetails=local\n")) {
            RunningServer.Reply r = s.get("/app/throw");
            assertEquals(500, r.status());
            assertTrue(r.body().contains("java.lang.IllegalStateException: broken &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
                    r.body());
            assertTrue(r.body().contains("org.example.webapp.ThrowingServlet.doGet(ThrowingServlet.java:"), r.body());
            assertTrue(r.body().contains("Caused by: java.io.IOException: root cause"), r.body());
            assertFalse(r.body().contains("<script>"), "escaped");

            String viaProxy = s.get("/app/throw", "X-Forwarded-For", "203.0.113.9").body();
            assertFalse(viaProxy.contains("IllegalStateException"), viaProxy);
            assertFalse(s.get("/app/throw", "Forwarded", "for=203.0.113.9").body().contains("IllegalStateException"));

            RunningServer.Reply jsp = s.get("/app/bad.jsp");
            assertEquals(500, jsp.status());
            assertTrue(jsp.body().contains("line: [2]") && jsp.body().contains("bad.jsp"),
                    "the JSP's compile error names the file and line: " + jsp.body());
        }
    }

    @Test
    void localHidesTheTraceFromAClientOnAnotherAddressAndOnShowsItToAnyone() throws Exception {
        InetAddress other = nonLoopbackAddress();
        assumeTrue(other != null, "this machine has no address but loopback");
        deployThrowingApp();
        String bind = "bind=" + other.getHostAddress() + "\n";
        try (RunningServer s = new RunningServer(home, bind + "errorDetails=local\n")) {
            String body = get(other, s.server.port(), "/app/throw");
            assertTrue(body.contains("HTTP Status 500"), body);
            assertFalse(body.contains("IllegalStateException"), body);
        }
        try (RunningServer s = new RunningServer(home, bind + "errorDetails=on\n")) {
            assertTrue(get(other, s.server.port(), "/app/throw").contains("IllegalStateException"));
        }
    }

    private static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        }
        return null;
    }

    private static String get(InetAddress host, int port, String path) throws Exception {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://" + host.getHostAddress() + ":" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        return c.send(r, HttpResponse.BodyHandlers.ofString()).body();
    }
}
