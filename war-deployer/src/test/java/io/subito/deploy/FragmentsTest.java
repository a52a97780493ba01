package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.deploy.descriptor.Fragment;
import io.subito.deploy.descriptor.WebXml;
import java.nio.file.Path;
import java.util.List;
import org.example.webapp.AuditFilter;
import org.example.webapp.HelloServlet;
import org.example.webapp.StartupListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** web-fragment.xml in lib jars, their ordering, and which annotations count. */
class FragmentsTest {
    @TempDir
    Path app;

    private static String fragment(String name, String extra, boolean metadataComplete) {
        return """
                <web-fragment xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="%s">
                  <name>%s</name>%s
                </web-fragment>
                """.formatted(metadataComplete, name, extra);
    }

    private void jar(String file, WarBuilder content) throws Exception {
        content.writeTo(app.resolve("WEB-INF/lib/" + file));
    }

    private WebXml merged() throws Exception {
        WebAppDescriptors d = WebAppDescriptors.read(app);
        try (WebAppClassLoader loader = new WebAppClassLoader("/t", app, new SharedApiLoader(getClass().getClassLoader()))) {
            return AnnotationScan.merge(d, AnnotationScan.index(app, d, loader));
        }
    }

    @Test
    void fragmentsContributeInTheirOrderAndMetadataCompleteJarsAreNotScanned() throws Exception {
        jar("a.jar", new WarBuilder().add("META-INF/web-fragment.xml", fragment("A",
                "<ordering><after><name>B</name></after></ordering>"
                        + "<listener><listener-class>a.Listener</listener-class></listener>"
                        + "<context-param><param-name>a</param-name><param-value>A</param-value></context-param>", false))
                .classes("", StartupListener.class));
        jar("b.jar", new WarBuilder().add("META-INF/web-fragment.xml", fragment("B",
                "<listener><listener-class>b.Listener</listener-class></listener>"
                        + "<context-param><param-name>b</param-name><param-value>B</param-value></context-param>", true))
                .classes("", AuditFilter.class));
        jar("plain.jar", new WarBuilder().classes("", HelloServlet.class));

        WebAppDescriptors d = WebAppDescriptors.read(app);
        assertEquals(List.of("b.jar", "a.jar", "plain.jar"), d.fragments().stream().map(Fragment::jarName).toList());
        WebXml w = merged();
        assertEquals(List.of("b.Listener", "a.Listener", StartupListener.class.getName()), List.copyOf(w.listeners),
                "descriptors in fragment order, then annotations of a.jar (not metadata-complete)");
        assertEquals(List.of("b", "a"), List.copyOf(w.contextParams.keySet()), "in fragment order");
        assertFalse(w.filters.containsKey("audit"), "b.jar is metadata-complete: its @WebFilter is ignored");
        assertTrue(w.servlets.containsKey(HelloServlet.class.getName()), "a jar without a fragment is scanned");
    }

    @Test
    void absoluteOrderingLeavesUnlistedJarsOut() throws Exception {
        TestWars.annotated().add("WEB-INF/web.xml", TestWars.webXml("<absolute-ordering><name>A</name></absolute-ordering>"))
                .writeTo(app.resolve("x.war"));
        new WarUnpacker().unpack(app.resolve("x.war"), app.resolve("x"));
        Path x = app.resolve("x");
        new WarBuilder().add("META-INF/web-fragment.xml", fragment("A", "", false)).writeTo(x.resolve("WEB-INF/lib/a.jar"));
        new WarBuilder().classes("", HelloServlet.class).writeTo(x.resolve("WEB-INF/lib/other.jar"));
        WebAppDescriptors d = WebAppDescriptors.read(x);
        assertEquals(List.of("a.jar"), d.fragments().stream().map(Fragment::jarName).toList());
        assertEquals(List.of("other.jar"), d.excluded().stream().map(Fragment::jarName).toList());
    }

    @Test
    void aMetadataCompleteWebXmlTurnsScanningOff() throws Exception {
        TestWars.annotated().add("WEB-INF/web.xml", """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1" metadata-complete="true"/>
                """).writeTo(app.resolve("x.war"));
        new WarUnpacker().unpack(app.resolve("x.war"), app.resolve("x"));
        app = app.resolve("x");
        WebXml w = merged();
        assertTrue(w.servlets.isEmpty() && w.filters.isEmpty() && w.listeners.isEmpty());
    }
}
