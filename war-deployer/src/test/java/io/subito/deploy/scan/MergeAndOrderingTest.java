package io.subito.deploy.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.deploy.descriptor.DescriptorException;
import io.subito.deploy.descriptor.DescriptorParser;
import io.subito.deploy.descriptor.Fragment;
import io.subito.deploy.descriptor.FragmentOrdering;
import io.subito.deploy.descriptor.Ordering;
import io.subito.deploy.descriptor.ServletDef;
import io.subito.deploy.descriptor.ServletMapping;
import io.subito.deploy.descriptor.WebXml;
import io.subito.deploy.descriptor.WebXmlMerger;
import org.example.webapp.HelloServlet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeAndOrderingTest {
    private static WebXml webXml(String body) throws DescriptorException {
        return new DescriptorParser().parseWebXml(new ByteArrayInputStream(
                ("<web-app xmlns='https://jakarta.ee/xml/ns/jakartaee' version='6.1'>" + body + "</web-app>")
                        .getBytes(StandardCharsets.UTF_8)), "WEB-INF/web.xml");
    }

    private static Fragment fragment(String jar, String name, List<String> after, List<String> before) {
        WebXml w = new WebXml(jar);
        w.fragmentName = name;
        if (after != null || before != null) {
            w.ordering = new Ordering(after == null ? List.of() : after, before == null ? List.of() : before);
        }
        return new Fragment(jar, null, w);
    }

    private static List<String> names(List<Fragment> fs) {
        return fs.stream().map(Fragment::jarName).toList();
    }

    @Test
    void webXmlWinsOverAnnotationsAndKeepsItsMappings() throws Exception {
        String cls = HelloServlet.class.getName();
        WebXml main = webXml("<servlet><servlet-name>" + cls + "</servlet-name><servlet-class>" + cls + "</servlet-class>"
                + "<init-param><param-name>greeting</param-name><param-value>Hi</param-value></init-param></servlet>"
                + "<servlet-mapping><servlet-name>" + cls + "</servlet-name><url-pattern>/only</url-pattern></servlet-mapping>"
                + "<context-param><param-name>p</param-name><param-value>main</param-value></context-param>");
        WebXml annotations = new AnnotationReader().read(List.of(AnnotationReaderTest.info(HelloServlet.class)), "a");
        annotations.contextParams.put("p", "annotation");
        WebXml merged = new WebXmlMerger(main).add(annotations, false).result();
        ServletDef s = merged.servlets.get(cls);
        assertEquals(Map.of("greeting", "Hi"), s.initParams);
        assertEquals(2, s.loadOnStartup, "undeclared in web.xml, so taken from the annotation");
        assertEquals(List.of(new ServletMapping(cls, List.of("/only"))), merged.servletMappings);
        assertEquals("main", merged.contextParams.get("p"));
    }

    @Test
    void classLevelAnnotationsCompleteAServletDeclaredOnlyInWebXml() throws Exception {
        String cls = HelloServlet.class.getName();
        WebXml main = webXml("<servlet><servlet-name>other</servlet-name><servlet-class>" + cls + "</servlet-class></servlet>");
        WebXml annotations = new AnnotationReader().read(List.of(AnnotationReaderTest.info(HelloServlet.class)), "a");
        WebXml merged = new WebXmlMerger(main).add(annotations, false).result();
        assertEquals(1024, merged.servlets.get("other").multipart.getMaxFileSize());
        assertEquals("admin", merged.servlets.get("other").runAs);
    }

    @Test
    void distributableOnlyWhenEveryDescriptorSaysSo() throws Exception {
        WebXml fragment = new WebXml("f");
        assertEquals(false, new WebXmlMerger(webXml("<distributable/>")).add(fragment, true).result().distributable);
        fragment.distributable = true;
        assertEquals(true, new WebXmlMerger(webXml("<distributable/>")).add(fragment, true).result().distributable);
    }

    @Test
    void relativeOrderingHonoursNamesAndOthers() throws Exception {
        List<Fragment> jars = new ArrayList<>(List.of(
                fragment("a.jar", "A", List.of(Ordering.OTHERS), null),
                fragment("b.jar", "B", null, List.of(Ordering.OTHERS)),
                fragment("c.jar", "C", List.of("D"), null),
                fragment("d.jar", "D", null, null),
                new Fragment("plain.jar", null, null)));
        assertEquals(List.of("b.jar", "d.jar", "c.jar", "plain.jar", "a.jar"), names(FragmentOrdering.order(null, jars)));
    }

    @Test
    void whatMustPrecedeABeforeOthersFragmentGoesBeforeTheOthersToo() throws Exception {
        List<Fragment> jars = List.of(
                fragment("a.jar", "A", null, null),
                fragment("p.jar", "P", null, List.of(Ordering.OTHERS)),
                fragment("q.jar", "Q", List.of(Ordering.OTHERS), null),
                fragment("r.jar", "R", null, List.of("P")),
                fragment("t.jar", "T", List.of("Q"), null));
        assertEquals(List.of("r.jar", "p.jar", "a.jar", "q.jar", "t.jar"), names(FragmentOrdering.order(null, jars)),
                "R before P before others; T after Q after others");
    }

    @Test
    void absoluteOrderingListsAndExcludes() throws Exception {
        List<Fragment> jars = List.of(fragment("a.jar", "A", null, null), fragment("b.jar", "B", null, null),
                fragment("c.jar", "C", null, null), new Fragment("plain.jar", null, null));
        WebXml main = webXml("<absolute-ordering><name>C</name><name>A</name></absolute-ordering>");
        assertEquals(List.of("c.jar", "a.jar"), names(FragmentOrdering.order(main, jars)));
        WebXml withOthers = webXml("<absolute-ordering><name>C</name><others/><name>A</name></absolute-ordering>");
        assertEquals(List.of("c.jar", "b.jar", "plain.jar", "a.jar"), names(FragmentOrdering.order(withOthers, jars)));
    }

    @Test
    void cyclesAndDuplicateNamesAreRefused() {
        assertTrue(assertThrows(DescriptorException.class, () -> FragmentOrdering.order(null, List.of(
                fragment("a.jar", "A", List.of("B"), null), fragment("b.jar", "B", List.of("A"), null))))
                .getMessage().contains("cycle"));
        assertTrue(assertThrows(DescriptorException.class, () -> FragmentOrdering.order(null, List.of(
                fragment("a.jar", "A", null, null), fragment("b.jar", "A", null, null))))
                .getMessage().contains("'A'"));
    }
}
