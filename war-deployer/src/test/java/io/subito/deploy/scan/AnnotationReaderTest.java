package io.subito.deploy.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.deploy.descriptor.FilterDef;
import io.subito.deploy.descriptor.FilterMapping;
import io.subito.deploy.descriptor.ServletDef;
import io.subito.deploy.descriptor.ServletMapping;
import io.subito.deploy.descriptor.WebXml;
import org.example.webapp.AuditFilter;
import org.example.webapp.HelloServlet;
import org.example.webapp.StartupListener;
import org.example.webapp.Unrelated;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.HttpMethodConstraintElement;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnotationReaderTest {
    static ClassInfo info(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return ClassFileReader.read(in.readAllBytes(), "WEB-INF/classes");
        }
    }

    private static WebXml read(Class<?>... classes) throws IOException {
        List<ClassInfo> infos = new java.util.ArrayList<>();
        for (Class<?> c : classes) {
            infos.add(info(c));
        }
        return new AnnotationReader().read(infos, "test");
    }

    @Test
    void readsWebServletWithEveryServletAnnotation() throws Exception {
        WebXml w = read(HelloServlet.class);
        String name = HelloServlet.class.getName();
        ServletDef s = w.servlets.get(name);
        assertEquals(name, s.className, "an unnamed servlet is named after its class");
        assertEquals(2, s.loadOnStartup);
        assertTrue(s.asyncSupported);
        assertEquals(Map.of("greeting", "Hello"), s.initParams);
        assertEquals(1024, s.multipart.getMaxFileSize());
        assertEquals(-1, s.multipart.getMaxRequestSize());
        assertEquals("admin", s.runAs);
        assertEquals(List.of(new ServletMapping(name, List.of("/hello", "/hi"))), w.servletMappings);
        assertEquals(Set.of("user", "admin"), w.securityRoles);

        ServletSecurityElement sec = s.servletSecurity;
        assertEquals(List.of(), List.of(sec.getRolesAllowed()), "GET is open to all");
        assertEquals(ServletSecurity.EmptyRoleSemantic.PERMIT, sec.getEmptyRoleSemantic());
        List<HttpMethodConstraintElement> methods = List.copyOf(sec.getHttpMethodConstraints());
        assertEquals("DELETE", methods.get(0).getMethodName());
        assertEquals(ServletSecurity.EmptyRoleSemantic.DENY, methods.get(0).getEmptyRoleSemantic());
        assertEquals("POST", methods.get(1).getMethodName());
        assertEquals(List.of("user"), List.of(methods.get(1).getRolesAllowed()));
        assertEquals(List.of("DELETE", "POST"), List.copyOf(sec.getMethodNames()));
    }

    @Test
    void readsWebFilterAndWebListener() throws Exception {
        WebXml w = read(AuditFilter.class, StartupListener.class, Unrelated.class);
        FilterDef f = w.filters.get("audit");
        assertEquals(AuditFilter.class.getName(), f.className);
        assertEquals(false, f.asyncSupported);
        assertEquals(List.of(new FilterMapping("audit", List.of("/*"), List.of("other"),
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC))), w.filterMappings);
        assertEquals(Set.of(StartupListener.class.getName()), w.listeners);
        assertTrue(w.servlets.isEmpty());
    }

    @Test
    void aClassCompiledForANewerJavaThanAsmKnowsIsStillRead() throws Exception {
        byte[] bytes;
        try (InputStream in = HelloServlet.class.getResourceAsStream("HelloServlet.class")) {
            bytes = in.readAllBytes();
        }
        bytes[6] = 0;
        bytes[7] = 99; // Java 55
        ClassInfo c = ClassFileReader.read(bytes, "WEB-INF/classes");
        assertEquals(HelloServlet.class.getName(), c.name());
        assertTrue(c.annotation(AnnotationReader.WEB_SERVLET) != null);
    }

    @Test
    void classInfoKeepsTheTypeGraphAndMemberAnnotations() throws Exception {
        ClassInfo c = info(org.example.webapp.MarkedThing.class);
        assertEquals("java.lang.Object", c.superName());
        assertTrue(c.hasAnnotationAnywhere(org.example.webapp.Marker.class.getName()));
        assertTrue(info(org.example.webapp.Marker.class).isAnnotationType());
        assertEquals(List.of(org.example.webapp.Plugin.class.getName()),
                info(org.example.webapp.BasePlugin.class).interfaces());
    }
}
