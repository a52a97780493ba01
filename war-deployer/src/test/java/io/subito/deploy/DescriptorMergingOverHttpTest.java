package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.example.fragments.AnnotatedListener;
import org.example.fragments.AnnotatedServlet;
import org.example.fragments.DeniedServlet;
import org.example.fragments.MarkingInitializer;
import org.example.fragments.ReportServlet;
import org.example.fragments.RoleServlet;
import org.example.fragments.TrailFilter;
import org.example.fragments.TrailListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * web-fragment.xml merging and ordering (Servlet 6.1 sections 8.2.2 and 8.2.3),
 * security-role-ref, metadata-complete, and the TEMPDIR of a deployed app: WARs dropped into a
 * running server, checked over HTTP. The servlet "report" answers with its init-params, the
 * filters that ran before it and the listeners that ran at start, in order.
 */
class DescriptorMergingOverHttpTest {
    private static final String F = "org.example.fragments.";
    private static final String REPORT = servlet("report", "ReportServlet", "") + mapping("report", "/report");

    @TempDir
    static Path home;
    static RunningServer s;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/users.properties"), "ann=secret,manager\nbob=secret,clerk\n");
        s = new RunningServer(home);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    // ---- descriptors and WARs ----

    private static String webXml(boolean metadataComplete, String body) {
        return "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\" metadata-complete=\""
                + metadataComplete + "\">" + body + "</web-app>";
    }

    /** The fixtures in WEB-INF/classes (none annotated) and this web.xml. */
    private static WarBuilder war(String webXmlBody) {
        return new WarBuilder().webInfClasses(ReportServlet.class, TrailFilter.class, TrailListener.class, RoleServlet.class)
                .add("WEB-INF/web.xml", webXml(false, webXmlBody));
    }

    private static byte[] fragmentJar(String name, String body) {
        String xml = "<web-fragment xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\">"
                + (name == null ? "" : "<name>" + name + "</name>") + body + "</web-fragment>";
        return new WarBuilder().add("META-INF/web-fragment.xml", xml).bytes();
    }

    /** A jar without web-fragment.xml: an annotated servlet (/annotated) and listener, and an initializer. */
    private static byte[] annotatedJar() {
        return new WarBuilder().classes("", AnnotatedServlet.class, AnnotatedListener.class, MarkingInitializer.class)
                .add("META-INF/services/jakarta.servlet.ServletContainerInitializer", MarkingInitializer.class.getName())
                .bytes();
    }

    private static String servlet(String name, String simpleClass, String inside) {
        return "<servlet><servlet-name>" + name + "</servlet-name>"
                + (simpleClass == null ? "" : "<servlet-class>" + F + simpleClass + "</servlet-class>") + inside + "</servlet>";
    }

    private static String mapping(String servlet, String pattern) {
        return "<servlet-mapping><servlet-name>" + servlet + "</servlet-name><url-pattern>" + pattern
                + "</url-pattern></servlet-mapping>";
    }

    private static String param(String name, String value) {
        return "<init-param><param-name>" + name + "</param-name><param-value>" + value + "</param-value></init-param>";
    }

    private static String contextParam(String name, String value) {
        return "<context-param><param-name>" + name + "</param-name><param-value>" + value + "</param-value></context-param>";
    }

    private static String listener(String nested) {
        return "<listener><listener-class>" + F + "TrailListener$" + nested + "</listener-class></listener>";
    }

    /** A TrailFilter named after its mark, mapped to the servlet "report". */
    private static String filter(String mark) {
        return "<filter><filter-name>" + mark + "</filter-name><filter-class>" + F + "TrailFilter</filter-class>"
                + param("mark", mark) + "</filter><filter-mapping><filter-name>" + mark
                + "</filter-name><servlet-name>report</servlet-name></filter-mapping>";
    }

    private static String ordering(String inside) {
        return "<ordering>" + inside + "</ordering>";
    }

    /** Drops the WAR as NAME.war and returns what /NAME/report answers once it is served. */
    private static String deploy(String name, WarBuilder war) throws Exception {
        war.writeTo(s.webapps.resolve(name + ".war"));
        return s.awaitStatus("/" + name + "/report", 200).body();
    }

    // ---- ordering ----

    @Test
    void absoluteOrderingPutsFragmentsInItsOrderAndOthersWhereItSays() throws Exception {
        String body = deploy("absolute", war(REPORT + listener("Main") + filter("main")
                + "<absolute-ordering><name>B</name><others/><name>A</name></absolute-ordering>")
                .add("WEB-INF/lib/a.jar", fragmentJar("A", listener("A") + filter("a")))
                .add("WEB-INF/lib/b.jar", fragmentJar("B", listener("B") + filter("b")))
                .add("WEB-INF/lib/c.jar", fragmentJar("C", listener("C") + filter("c")))
                .add("WEB-INF/lib/d.jar", fragmentJar(null, listener("D") + filter("d"))));
        assertTrue(body.contains("filters=main,b,c,d,a listeners=[Main, B, C, D, A]"), body);
    }

    @Test
    void absoluteOrderingLeavesOutUnlistedJarsWithTheirAnnotationsAndInitializers() throws Exception {
        String body = deploy("excluding", war(REPORT + listener("Main")
                + "<absolute-ordering><name>A</name></absolute-ordering>")
                .add("WEB-INF/lib/a.jar", fragmentJar("A", listener("A")))
                .add("WEB-INF/lib/b.jar", fragmentJar("B", listener("B") + servlet("fromB", "ReportServlet", "")
                        + mapping("fromB", "/b")))
                .add("WEB-INF/lib/plain.jar", annotatedJar()));
        assertTrue(body.contains("listeners=[Main, A] x=null sci=null"), body);
        assertEquals(404, s.get("/excluding/b").status(), "B is not listed: its descriptor counts for nothing");
        assertEquals(404, s.get("/excluding/annotated").status(), "plain.jar is not listed: not scanned");
    }

    @Test
    void relativeOrderingFollowsNamesAndOthersAndAnnotationsComeLast() throws Exception {
        String body = deploy("relative", war(REPORT + listener("Main") + filter("main"))
                .add("WEB-INF/lib/a.jar", fragmentJar("A", ordering("<after><name>B</name></after>") + listener("A") + filter("a")))
                .add("WEB-INF/lib/b.jar", fragmentJar("B", listener("B") + filter("b")))
                .add("WEB-INF/lib/c.jar", fragmentJar("C", ordering("<before><others/></before>") + listener("C") + filter("c")))
                .add("WEB-INF/lib/d.jar", fragmentJar("D", ordering("<after><others/></after>") + listener("D") + filter("d")))
                .add("WEB-INF/lib/plain.jar", annotatedJar()));
        assertTrue(body.contains("filters=main,c,b,a,d listeners=[Main, C, B, A, D, AnnotatedListener] x=null sci=yes"),
                body);
        assertEquals("annotated", s.get("/relative/annotated").body(), "without absolute ordering every jar is scanned");
    }

    // ---- precedence ----

    @Test
    void webXmlWinsTheFirstDeclarationWinsAndFragmentsMappingsAddUp() throws Exception {
        String main = servlet("report", "ReportServlet", param("p1", "main") + param("p1", "ignored"))
                + mapping("report", "/report") + servlet("second", "ReportServlet", "") + mapping("second", "/second");
        String a = servlet("report", null, param("p1", "A") + param("p2", "A") + param("p2", "ignored"))
                + mapping("report", "/from-fragment") + filter("a");
        String b = servlet("report", null, param("p3", "B"))
                + "<filter-mapping><filter-name>a</filter-name><url-pattern>/second</url-pattern></filter-mapping>";
        String body = deploy("precedence", war(main)
                .add("WEB-INF/lib/a.jar", fragmentJar("A", a))
                .add("WEB-INF/lib/b.jar", fragmentJar("B", b)));
        assertTrue(body.startsWith("params={p1=main, p2=A, p3=B} filters=a "), body);
        assertTrue(s.get("/precedence/second").body().contains(" filters=a "), "B maps A's filter as well: mappings add up");
        assertEquals(404, s.get("/precedence/from-fragment").status(), "web.xml maps 'report': fragments' mappings of it do not count");
    }

    @Test
    void fragmentsThatDisagreeAreRefusedUnlessWebXmlSettlesIt() throws Exception {
        byte[] a = fragmentJar("A", contextParam("x", "A") + servlet("report", null, param("p", "A")));
        byte[] b = fragmentJar("B", contextParam("x", "B") + servlet("report", null, param("p", "B")));
        war(REPORT).add("WEB-INF/lib/a.jar", a).add("WEB-INF/lib/b.jar", b).writeTo(s.webapps.resolve("conflict.war"));
        String failure = s.awaitFailure("conflict.war");
        assertTrue(failure.contains("context-param 'x'") && failure.contains("a.jar") && failure.contains("b.jar"), failure);

        war(servlet("report", "ReportServlet", "") + mapping("report", "/report") + contextParam("x", "main"))
                .add("WEB-INF/lib/a.jar", a).add("WEB-INF/lib/b.jar", b).writeTo(s.webapps.resolve("halfsettled.war"));
        failure = s.awaitFailure("halfsettled.war");
        assertTrue(failure.contains("servlet 'report' init-param 'p'"), failure);

        String body = deploy("settled", war(servlet("report", "ReportServlet", param("p", "main"))
                + mapping("report", "/report") + contextParam("x", "main"))
                .add("WEB-INF/lib/a.jar", a).add("WEB-INF/lib/b.jar", b));
        assertTrue(body.startsWith("params={p=main} ") && body.contains(" x=main "), body);
    }

    @Test
    void theFilterChainFollowsTheMappingsNotTheDeclarations() throws Exception {
        String declared = "<filter><filter-name>one</filter-name><filter-class>" + F + "TrailFilter</filter-class>"
                + param("mark", "one") + "</filter><filter><filter-name>two</filter-name><filter-class>" + F
                + "TrailFilter</filter-class>" + param("mark", "two") + "</filter>";
        String body = deploy("chain", war(REPORT + declared
                + "<filter-mapping><filter-name>two</filter-name><url-pattern>/*</url-pattern></filter-mapping>"
                + "<filter-mapping><filter-name>one</filter-name><url-pattern>/*</url-pattern></filter-mapping>"));
        assertTrue(body.contains(" filters=two,one "), body);

        war(REPORT + "<filter-mapping><filter-name>ghost</filter-name><url-pattern>/*</url-pattern></filter-mapping>")
                .writeTo(s.webapps.resolve("ghostfilter.war"));
        String failure = s.awaitFailure("ghostfilter.war");
        assertTrue(failure.contains("'ghost'"), failure);
    }

    // ---- security-role-ref and metadata-complete ----

    private static String roleRef(String name, String link) {
        return "<security-role-ref><role-name>" + name + "</role-name><role-link>" + link + "</role-link></security-role-ref>";
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void securityRoleRefLinksTheRoleNameAServletUsesToARealRole() throws Exception {
        deploy("roles", war(REPORT
                + servlet("r1", "RoleServlet", roleRef("boss", "manager") + roleRef("staff", "clerk")) + mapping("r1", "/r1")
                + servlet("r2", "RoleServlet", roleRef("boss", "clerk") + roleRef("staff", "manager")) + mapping("r2", "/r2")
                + "<security-constraint><web-resource-collection><web-resource-name>r</web-resource-name>"
                + "<url-pattern>/r1</url-pattern><url-pattern>/r2</url-pattern></web-resource-collection>"
                + "<auth-constraint><role-name>manager</role-name><role-name>clerk</role-name></auth-constraint>"
                + "</security-constraint><login-config><auth-method>BASIC</auth-method></login-config>"
                + "<security-role><role-name>manager</role-name></security-role>"
                + "<security-role><role-name>clerk</role-name></security-role>"));
        assertEquals(401, s.get("/roles/r1").status());
        assertEquals("boss=true staff=false", s.get("/roles/r1", "Authorization", basic("ann")).body());
        assertEquals("boss=false staff=true", s.get("/roles/r2", "Authorization", basic("ann")).body());
        assertEquals("boss=false staff=true", s.get("/roles/r1", "Authorization", basic("bob")).body());
        assertEquals("boss=true staff=false", s.get("/roles/r2", "Authorization", basic("bob")).body());
    }

    /** DeniedServlet, whose annotations deny everyone, declared in web.xml as /open. */
    private static WarBuilder deniedByAnnotation(boolean metadataComplete) {
        return war("").webInfClasses(DeniedServlet.class).add("WEB-INF/web.xml", webXml(metadataComplete, REPORT
                + servlet("d", "DeniedServlet", "") + mapping("d", "/open")));
    }

    @Test
    void aMetadataCompleteWebXmlVoidsTheAnnotationsOfItsServlets() throws Exception {
        deploy("complete", deniedByAnnotation(true));
        assertEquals("open", s.get("/complete/open").body(), "@ServletSecurity is ignored");
        assertEquals(404, s.get("/complete/denied-by-annotation").status(), "and so is @WebServlet");
        deploy("incomplete", deniedByAnnotation(false));
        assertEquals(403, s.get("/incomplete/open").status(), "without metadata-complete the annotation applies");
    }

    // ---- TEMPDIR ----

    private static List<Path> named(Path dir, String prefix) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> st = Files.list(dir)) {
            return st.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    @Test
    void theTempDirIsMadeUnderWorkWhenAskedForAndLeavesWithTheApp() throws Exception {
        deploy("scratch", war(REPORT));
        Path parent = home.resolve("work/.tmp").toAbsolutePath().normalize();
        assertEquals(List.of(), named(parent, "subito-scratch-"), "nothing is made before the app asks");
        Path dir = Path.of(s.get("/scratch/report?tempdir").body());
        assertEquals(parent, dir.getParent());
        assertTrue(Files.isRegularFile(dir.resolve("scratch.txt")));

        Files.delete(s.webapps.resolve("scratch.war"));
        s.awaitStatus("/scratch/report", 404);
        long deadline = System.nanoTime() + RunningServer.PATIENCE.toNanos();
        while (Files.exists(dir) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), named(parent, "subito-scratch-"), "deleted, with its content, at undeploy");
        assertEquals(List.of(), named(Path.of(System.getProperty("java.io.tmpdir")), "subito-scratch-"),
                "and nothing was made in the system's temporary directory");
    }
}
