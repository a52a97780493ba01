package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.deploy.descriptor.DescriptorParser;
import io.subito.deploy.descriptor.WebXml;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.WebResourceCollection;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionTrackingMode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.example.webapp.AuditFilter;
import org.example.webapp.HelloServlet;
import org.example.webapp.StartupListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parsed web.xml applied to a real (not started) context, checked through its registrations. */
class WebAppConfigurerTest {
    @TempDir
    Path dir;

    private WebAppContext configure(String body) throws Exception {
        WebXml w = new DescriptorParser().parseWebXml(new ByteArrayInputStream(TestWars.webXml(body)
                .getBytes(StandardCharsets.UTF_8)), "WEB-INF/web.xml");
        WebAppContext ctx = new WebAppContext("/t", dir, getClass().getClassLoader());
        new WebAppConfigurer("t.war").apply(w, ctx);
        return ctx;
    }

    @Test
    void appliesServletsFiltersListenersAndContextSettings() throws Exception {
        String servlet = HelloServlet.class.getName();
        WebAppContext ctx = configure("""
                <display-name>T</display-name>
                <context-param><param-name>k</param-name><param-value>v</param-value></context-param>
                <listener><listener-class>%s</listener-class></listener>
                <filter><filter-name>audit</filter-name><filter-class>%s</filter-class>
                  <init-param><param-name>f</param-name><param-value>1</param-value></init-param></filter>
                <filter-mapping><filter-name>audit</filter-name><url-pattern>/a/*</url-pattern>
                  <servlet-name>hello</servlet-name><dispatcher>FORWARD</dispatcher></filter-mapping>
                <servlet><servlet-name>hello</servlet-name><servlet-class>%s</servlet-class>
                  <init-param><param-name>greeting</param-name><param-value>Hi</param-value></init-param>
                  <load-on-startup>4</load-on-startup><async-supported>true</async-supported>
                  <run-as><role-name>admin</role-name></run-as>
                  <multipart-config><max-file-size>99</max-file-size></multipart-config></servlet>
                <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/h</url-pattern><url-pattern>*.h</url-pattern></servlet-mapping>
                <servlet><servlet-name>off</servlet-name><servlet-class>%s</servlet-class><enabled>false</enabled></servlet>
                <session-config><session-timeout>7</session-timeout>
                  <cookie-config><name>SID</name><http-only>true</http-only>
                    <attribute><attribute-name>SameSite</attribute-name><attribute-value>Lax</attribute-value></attribute>
                  </cookie-config><tracking-mode>COOKIE</tracking-mode></session-config>
                <mime-mapping><extension>zzz</extension><mime-type>application/x-zzz</mime-type></mime-mapping>
                <request-character-encoding>UTF-8</request-character-encoding>
                <security-role><role-name>admin</role-name></security-role>
                """.formatted(StartupListener.class.getName(), AuditFilter.class.getName(), servlet, servlet));
        assertEquals("T", ctx.servletContext().getServletContextName());
        assertEquals("v", ctx.servletContext().getInitParameter("k"));
        assertEquals(6, ctx.servletContext().getEffectiveMajorVersion());
        assertEquals(1, ctx.servletContext().getEffectiveMinorVersion());

        ServletRegistration s = ctx.getServletRegistration("hello");
        assertEquals(servlet, s.getClassName());
        assertEquals("Hi", s.getInitParameter("greeting"));
        assertEquals(Set.of("/h", "*.h"), Set.copyOf(s.getMappings()));
        assertEquals("admin", s.getRunAsRole());
        assertEquals(null, ctx.getServletRegistration("off"), "a disabled servlet is not registered");

        FilterRegistration f = ctx.servletContext().getFilterRegistration("audit");
        assertEquals("1", f.getInitParameter("f"));
        assertEquals(List.of("/a/*"), List.copyOf(f.getUrlPatternMappings()));
        assertEquals(List.of("hello"), List.copyOf(f.getServletNameMappings()));

        assertEquals(7, ctx.servletContext().getSessionTimeout());
        assertEquals("SID", ctx.getSessionCookieConfig().getName());
        assertTrue(ctx.getSessionCookieConfig().isHttpOnly());
        assertEquals("Lax", ctx.getSessionCookieConfig().getAttribute("SameSite"));
        assertEquals(EnumSet.of(SessionTrackingMode.COOKIE), ctx.servletContext().getEffectiveSessionTrackingModes());
        assertEquals("application/x-zzz", ctx.servletContext().getMimeType("a.zzz"));
        assertEquals("UTF-8", ctx.servletContext().getRequestCharacterEncoding());
        assertEquals(WebAppConfigurer.DEFAULT_WELCOME_FILES, ctx.welcomeFiles());
        assertTrue(ctx.declaredRoles().contains("admin"));
    }

    @Test
    void appliesSecurityConstraintsAndLoginConfig() throws Exception {
        WebAppContext ctx = configure("""
                <security-constraint>
                  <web-resource-collection><web-resource-name>adm</web-resource-name>
                    <url-pattern>/admin/*</url-pattern><http-method>GET</http-method></web-resource-collection>
                  <auth-constraint><role-name>admin</role-name></auth-constraint>
                  <user-data-constraint><transport-guarantee>CONFIDENTIAL</transport-guarantee></user-data-constraint>
                </security-constraint>
                <login-config><auth-method>basic</auth-method><realm-name>R</realm-name></login-config>
                <welcome-file-list><welcome-file>home.html</welcome-file></welcome-file-list>
                <error-page><error-code>404</error-code><location>/404.html</location></error-page>
                <error-page><exception-type>java.io.IOException</exception-type><location>/io.html</location></error-page>
                """);
        assertEquals("/404.html", ctx.errorPages().forStatus(404));
        assertEquals("/io.html", ctx.errorPages().forException(new java.io.FileNotFoundException()));
        assertEquals(List.of(new SecurityConstraint(List.of(new WebResourceCollection("adm", List.of("/admin/*"),
                Set.of("GET"), Set.of())), true, Set.of("admin"), true)), ctx.security().constraints());
        assertEquals("BASIC", ctx.security().loginConfig().authMethod());
        assertEquals("R", ctx.security().loginConfig().realmName());
        assertEquals(List.of("home.html"), ctx.welcomeFiles());
    }

    @Test
    void conflictingMappingsAndMissingClassesAreRefused() {
        String servlet = HelloServlet.class.getName();
        DeploymentException e = assertThrows(DeploymentException.class, () -> configure("""
                <servlet><servlet-name>a</servlet-name><servlet-class>%s</servlet-class></servlet>
                <servlet><servlet-name>b</servlet-name><servlet-class>%s</servlet-class></servlet>
                <servlet-mapping><servlet-name>a</servlet-name><url-pattern>/x</url-pattern></servlet-mapping>
                <servlet-mapping><servlet-name>b</servlet-name><url-pattern>/x</url-pattern></servlet-mapping>
                """.formatted(servlet, servlet)));
        assertTrue(e.getMessage().contains("t.war") && e.getMessage().contains("/x"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> configure(
                "<listener><listener-class>com.example.NoSuchListener</listener-class></listener>"));
    }
}
