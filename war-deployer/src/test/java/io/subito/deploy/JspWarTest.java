package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.example.webapp.GreetTag;
import org.example.webapp.ShoutTag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAR full of JSPs, dropped into webapps/ of a running server and compiled by Jasper (module
 * jsp) on first request: EL, scriptlets, include and forward, a {@code <jsp-file>} servlet, an
 * {@code index.jsp} welcome file, custom tags from TLDs in WEB-INF and in a lib jar,
 * {@code <jsp-config>}, and a page that does not compile.
 */
class JspWarTest {
    @TempDir
    static Path home;
    static RunningServer s;
    static final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() throws Exception {
        Logger.getLogger("").addHandler(capture);
        s = new RunningServer(home);
        jspWar().writeTo(s.webapps.resolve("shop.war"));
        s.awaitStatus("/shop/", 200);
    }

    @AfterAll
    static void stop() {
        s.close();
        Logger.getLogger("").removeHandler(capture);
    }

    static WarBuilder jspWar() {
        return new WarBuilder().webInfClasses(GreetTag.class)
                .add("WEB-INF/lib/shout.jar", shoutJar())
                .add("WEB-INF/web.xml", TestWars.webXml("""
                        <servlet>
                          <servlet-name>hidden</servlet-name>
                          <jsp-file>/WEB-INF/hidden.jsp</jsp-file>
                          <init-param><param-name>color</param-name><param-value>blue</param-value></init-param>
                        </servlet>
                        <servlet-mapping><servlet-name>hidden</servlet-name><url-pattern>/hidden</url-pattern></servlet-mapping>
                        <jsp-config>
                          <taglib>
                            <taglib-uri>urn:greet</taglib-uri>
                            <taglib-location>/WEB-INF/tags/greet.tld</taglib-location>
                          </taglib>
                          <jsp-property-group>
                            <url-pattern>*.page</url-pattern>
                            <include-prelude>/WEB-INF/prelude.jspf</include-prelude>
                          </jsp-property-group>
                        </jsp-config>
                        """))
                .add("index.jsp", "<%@ page contentType=\"text/plain\" %>welcome to ${pageContext.request.contextPath}")
                .add("hello.jsp", """
                        <%@ page contentType="text/plain; charset=UTF-8" %>
                        <%@ taglib prefix="g" uri="urn:greet" %>
                        <%@ taglib prefix="s" uri="http://example.org/shout" %>
                        <% int sum = 2 + 3; %>
                        sum=<%= sum %> name=${param.name} <jsp:include page="part.jsp"/>
                        <g:greet who="${param.name}"/> <s:shout>quiet ${1 + 1}</s:shout>
                        """)
                .add("part.jsp", "<%@ page trimDirectiveWhitespaces=\"true\" %>[part of ${param.name}]")
                .add("forward.jsp", """
                        <jsp:forward page="/target.jsp"><jsp:param name="via" value="forward"/></jsp:forward>
                        """)
                .add("target.jsp", "<%@ page contentType=\"text/plain\" trimDirectiveWhitespaces=\"true\" %>"
                        + "target via=${param.via} from=${requestScope['jakarta.servlet.forward.request_uri']}")
                .add("WEB-INF/hidden.jsp", "<%@ page contentType=\"text/plain\" trimDirectiveWhitespaces=\"true\" %>"
                        + "<%= config.getServletName() %> is <%= config.getInitParameter(\"color\") %>")
                .add("WEB-INF/prelude.jspf", "<% String prelude = \"from prelude\"; %>")
                .add("plain.page", "<%@ page contentType=\"text/plain\" %><%= prelude %>")
                .add("broken.jsp", "<% int x = ; %>")
                .add("WEB-INF/tags/greet.tld", tld("greet", "urn:unused", "greet", GreetTag.class.getName(),
                        "empty", "<attribute><name>who</name><rtexprvalue>true</rtexprvalue></attribute>"));
    }

    /** A library jar whose tag library is found by its TLD in META-INF, as JSTL's is. */
    private static byte[] shoutJar() {
        return new WarBuilder().classes("", ShoutTag.class)
                .add("META-INF/shout.tld", tld("shout", "http://example.org/shout", "shout",
                        ShoutTag.class.getName(), "scriptless", ""))
                .bytes();
    }

    private static String tld(String shortName, String uri, String tag, String tagClass, String body, String attrs) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <taglib xmlns="https://jakarta.ee/xml/ns/jakartaee" version="3.0">
                  <tlib-version>1.0</tlib-version>
                  <short-name>%s</short-name>
                  <uri>%s</uri>
                  <tag><name>%s</name><tag-class>%s</tag-class><body-content>%s</body-content>%s</tag>
                </taglib>
                """.formatted(shortName, uri, tag, tagClass, body, attrs);
    }

    @Test
    void aPageWithElScriptletsAnIncludeAndCustomTags() throws Exception {
        RunningServer.Reply r = s.get("/shop/hello.jsp?name=Ada");
        assertEquals(200, r.status(), r.body());
        assertEquals("sum=5 name=Ada [part of Ada] Hello, Ada! QUIET 2", r.body().replaceAll("\\s+", " ").strip());
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void aForwardToAnotherPage() throws Exception {
        RunningServer.Reply r = s.get("/shop/forward.jsp");
        assertEquals(200, r.status(), r.body());
        assertEquals("target via=forward from=/shop/forward.jsp", r.body().strip());
    }

    @Test
    void indexJspIsADefaultWelcomeFile() throws Exception {
        RunningServer.Reply r = s.get("/shop/");
        assertEquals(200, r.status(), r.body());
        assertEquals("welcome to /shop", r.body().strip());
    }

    @Test
    void aJspFileServletGetsItsNameAndInitParameters() throws Exception {
        RunningServer.Reply r = s.get("/shop/hidden");
        assertEquals(200, r.status(), r.body());
        assertEquals("hidden is blue", r.body().strip());
        assertEquals(404, s.get("/shop/WEB-INF/hidden.jsp").status(), "WEB-INF stays private");
    }

    @Test
    void aPropertyGroupPatternIsServedAsAJspWithItsPrelude() throws Exception {
        RunningServer.Reply r = s.get("/shop/plain.page");
        assertEquals(200, r.status(), r.body());
        assertEquals("from prelude", r.body().strip());
    }

    @Test
    void aPageThatDoesNotCompileIs500AndLoggedAndTheAppKeepsServing() throws Exception {
        RunningServer.Reply r = s.get("/shop/broken.jsp");
        assertEquals(500, r.status());
        assertTrue(logged.stream().anyMatch(JspWarTest::namesBrokenJsp), "a log line names the page");
        assertEquals(500, s.get("/shop/broken.jsp").status(), "still broken, still answered");
        assertEquals(200, s.get("/shop/hello.jsp?name=again").status());
    }

    private static boolean namesBrokenJsp(LogRecord r) {
        String text = r.getMessage() + " " + (r.getThrown() == null ? "" : r.getThrown().getMessage());
        return text.contains("broken.jsp");
    }

    @Test
    void compiledPagesGoToTheContextsTempDirectory() throws Exception {
        assertEquals(200, s.get("/shop/index.jsp").status());
        Object tmp = s.server.deployer().deploymentAt("/shop").context()
                .getAttribute(jakarta.servlet.ServletContext.TEMPDIR);
        Path dir = ((java.io.File) tmp).toPath();
        try (var files = Files.walk(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("index_jsp.class")),
                    "index_jsp.class under " + dir);
        }
    }
}
