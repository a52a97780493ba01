package io.subito.deploy.descriptor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which differences between fragments are conflicts (Servlet 6.1 section 8.2.3). */
class FragmentConflictsTest {
    private static WebXml fragment(String source, String body) throws DescriptorException {
        return new DescriptorParser().parseFragment(new ByteArrayInputStream(
                ("<web-fragment xmlns='https://jakarta.ee/xml/ns/jakartaee' version='6.1'>" + body + "</web-fragment>")
                        .getBytes(StandardCharsets.UTF_8)), source);
    }

    private static WebXml webXml(String body) throws DescriptorException {
        return new DescriptorParser().parseWebXml(new ByteArrayInputStream(
                ("<web-app xmlns='https://jakarta.ee/xml/ns/jakartaee' version='6.1'>" + body + "</web-app>")
                        .getBytes(StandardCharsets.UTF_8)), "WEB-INF/web.xml");
    }

    private static String errorPage(String location) {
        return "<error-page><error-code>404</error-code><location>" + location + "</location></error-page>";
    }

    private static String filterParam(String value) {
        return "<filter><filter-name>f</filter-name><filter-class>F</filter-class><init-param><param-name>p</param-name>"
                + "<param-value>" + value + "</param-value></init-param></filter>";
    }

    @Test
    void differentValuesInTwoFragmentsConflict() throws Exception {
        String m = assertThrows(DescriptorException.class, () -> FragmentConflicts.check(null,
                List.of(fragment("a", errorPage("/a")), fragment("b", errorPage("/b"))))).getMessage();
        assertTrue(m.contains("error-code 404") && m.contains("'/a' in a") && m.contains("'/b' in b"), m);
        assertThrows(DescriptorException.class, () -> FragmentConflicts.check(webXml(""),
                List.of(fragment("a", filterParam("1")), fragment("b", filterParam("2")))));
    }

    @Test
    void webXmlSettlesEqualValuesAgreeAndOneFragmentMayRepeatItself() throws Exception {
        assertDoesNotThrow(() -> FragmentConflicts.check(webXml(errorPage("/main")),
                List.of(fragment("a", errorPage("/a")), fragment("b", errorPage("/b")))));
        assertDoesNotThrow(() -> FragmentConflicts.check(webXml(filterParam("0")),
                List.of(fragment("a", filterParam("1")), fragment("b", filterParam("2")))));
        assertDoesNotThrow(() -> FragmentConflicts.check(null,
                List.of(fragment("a", filterParam("1")), fragment("b", filterParam("1")))));
        assertDoesNotThrow(() -> FragmentConflicts.check(null,
                List.of(fragment("a", errorPage("/first") + errorPage("/second")))));
    }
}
