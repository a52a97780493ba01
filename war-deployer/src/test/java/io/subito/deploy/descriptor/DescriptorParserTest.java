package io.subito.deploy.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.SessionTrackingMode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DescriptorParserTest {
    private final DescriptorParser parser = new DescriptorParser();

    static WebXml parse(String xml) throws DescriptorException {
        return new DescriptorParser().parseWebXml(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                "WEB-INF/web.xml");
    }

    static final String MINIMAL_BODY = """
              <servlet><servlet-name>hello</servlet-name><servlet-class>a.Hello</servlet-class></servlet>
              <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern></servlet-mapping>
            </web-app>
            """;

    @ParameterizedTest
    @CsvSource({
        "http://java.sun.com/xml/ns/javaee, 2.5, http://java.sun.com/xml/ns/javaee/web-app_2_5.xsd",
        "http://java.sun.com/xml/ns/javaee, 3.0, http://java.sun.com/xml/ns/javaee/web-app_3_0.xsd",
        "http://xmlns.jcp.org/xml/ns/javaee, 3.1, http://xmlns.jcp.org/xml/ns/javaee/web-app_3_1.xsd",
        "http://xmlns.jcp.org/xml/ns/javaee, 4.0, http://xmlns.jcp.org/xml/ns/javaee/web-app_4_0.xsd",
        "https://jakarta.ee/xml/ns/jakartaee, 5.0, https://jakarta.ee/xml/ns/jakartaee/web-app_5_0.xsd",
        "https://jakarta.ee/xml/ns/jakartaee, 6.0, https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd",
        "https://jakarta.ee/xml/ns/jakartaee, 6.1, https://jakarta.ee/xml/ns/jakartaee/web-app_6_1.xsd",
    })
    void readsEverySchemaEraWithoutTheNetwork(String ns, String version, String xsd) throws Exception {
        WebXml w = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="%s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="%s %s" version="%s">
                """.formatted(ns, ns, xsd, version) + MINIMAL_BODY);
        assertEquals(version, w.majorVersion + "." + w.minorVersion);
        assertEquals("a.Hello", w.servlets.get("hello").className);
        assertEquals(List.of(new ServletMapping("hello", List.of("/hello"))), w.servletMappings);
        assertFalse(w.isMetadataCompleteEffective(), "2.5 and later scan annotations unless told not to");
    }

    @Test
    void readsADtdEraDescriptorWithoutFetchingTheDtd() throws Exception {
        WebXml w = parse("""
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN"
                    "http://java.sun.com/dtd/web-app_2_3.dtd">
                <web-app>
                  <display-name>Old</display-name>
                  <context-param><param-name>k</param-name><param-value>v</param-value></context-param>
                """ + MINIMAL_BODY);
        assertEquals(2, w.majorVersion);
        assertEquals(3, w.minorVersion);
        assertEquals("Old", w.displayName);
        assertEquals(Map.of("k", "v"), w.contextParams);
        assertTrue(w.isMetadataCompleteEffective(), "2.3 predates annotations");
    }

    @Test
    void readsEveryElementOfAFullDescriptor() throws Exception {
        WebXml w = parse(FULL_61);
        assertEquals("Full", w.displayName);
        assertTrue(w.distributable);
        assertTrue(w.denyUncoveredHttpMethods);
        assertTrue(w.metadataComplete);
        assertEquals("UTF-8", w.requestCharacterEncoding);
        assertEquals("ISO-8859-1", w.responseCharacterEncoding);
        assertEquals(Map.of("a", "1", "b", ""), w.contextParams);

        ServletDef s = w.servlets.get("upload");
        assertEquals("x.Upload", s.className);
        assertEquals(Map.of("size", "10"), s.initParams);
        assertEquals(3, s.loadOnStartup);
        assertTrue(s.asyncSupported);
        assertFalse(s.enabled);
        assertEquals("admin", s.runAs);
        assertEquals(Map.of("boss", "admin", "staff", "staff"), s.roleRefs);
        assertEquals("/tmp/up", s.multipart.getLocation());
        assertEquals(1000, s.multipart.getMaxFileSize());
        assertEquals(2000, s.multipart.getMaxRequestSize());
        assertEquals(100, s.multipart.getFileSizeThreshold());
        assertEquals(0, w.servlets.get("jsp").loadOnStartup, "an empty load-on-startup means at startup");
        assertEquals("/page.jsp", w.servlets.get("jsp").jspFile);
        assertEquals(List.of(new ServletMapping("upload", List.of("/up/*", "*.up", ""))), w.servletMappings);

        FilterDef f = w.filters.get("log");
        assertEquals("x.LogFilter", f.className);
        assertEquals(Map.of("level", "fine"), f.initParams);
        assertTrue(f.asyncSupported);
        assertEquals(List.of(
                new FilterMapping("log", List.of("/*", "/b/*"), List.of("upload"),
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR)),
                new FilterMapping("log", List.of(), List.of("jsp"), EnumSet.of(DispatcherType.REQUEST))),
                w.filterMappings);
        assertEquals(List.of("x.L1", "x.L2"), List.copyOf(w.listeners));

        SessionConfig sc = w.sessionConfig;
        assertEquals(45, sc.timeoutMinutes);
        assertEquals("SID", sc.cookieName);
        assertEquals("example.org", sc.cookieDomain);
        assertEquals("/", sc.cookiePath);
        assertTrue(sc.cookieHttpOnly);
        assertTrue(sc.cookieSecure);
        assertEquals(600, sc.cookieMaxAge);
        assertEquals(Map.of("SameSite", "Strict"), sc.cookieAttributes);
        assertEquals(EnumSet.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL), sc.trackingModes);

        assertEquals(Map.of("svg", "image/svg+xml"), w.mimeMappings);
        assertEquals(List.of("index.html", "index.jsp"), w.welcomeFiles);
        assertEquals(List.of(new ErrorPage(404, null, "/404.html"),
                new ErrorPage(null, "java.io.IOException", "/io.html"), new ErrorPage(null, null, "/any.html")),
                w.errorPages);
        assertEquals(Map.of("ja", "Shift_JIS"), w.localeEncodings);

        assertEquals(2, w.securityConstraints.size());
        SecurityConstraintDef c = w.securityConstraints.get(0);
        assertEquals(List.of(new SecurityConstraintDef.Collection("admin", List.of("/admin/*"), List.of("GET", "POST"),
                List.of())), c.collections());
        assertEquals(List.of("admin"), c.roles());
        assertEquals("CONFIDENTIAL", c.transportGuarantee());
        SecurityConstraintDef denyAll = w.securityConstraints.get(1);
        assertEquals(List.of("TRACE"), denyAll.collections().get(0).omittedMethods());
        assertEquals(List.of(), denyAll.roles(), "an empty auth-constraint denies everyone");
        assertNull(denyAll.transportGuarantee());
        assertEquals(new LoginConfigDef("FORM", "Realm", "/login.html", "/error.html"), w.loginConfig);
        assertEquals(List.of("admin", "staff"), List.copyOf(w.securityRoles));
        assertEquals(List.of("one", Ordering.OTHERS, "two"), w.absoluteOrdering);
    }

    @Test
    void readsAFragmentWithItsOrdering() throws Exception {
        WebXml f = parser.parseFragment(new ByteArrayInputStream("""
                <web-fragment xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
                  <name>A</name>
                  <ordering><after><name>B</name></after><before><others/></before></ordering>
                  <listener><listener-class>x.FragListener</listener-class></listener>
                </web-fragment>
                """.getBytes(StandardCharsets.UTF_8)), "a.jar!/META-INF/web-fragment.xml");
        assertEquals("A", f.fragmentName);
        assertEquals(List.of("B"), f.ordering.after());
        assertTrue(f.ordering.beforeOthers());
        assertTrue(f.metadataComplete);
        assertEquals(List.of("x.FragListener"), List.copyOf(f.listeners));
    }

    @Test
    void aMalformedDescriptorIsRefusedWithItsLine() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> parse("""
                <web-app version="6.1">
                  <servlet><servlet-name>x</servlet-name>
                </web-app>
                """));
        assertTrue(e.getMessage().startsWith("WEB-INF/web.xml line 3"), e.getMessage());
    }

    @Test
    void missingRequiredElementsAndBadNumbersAreNamed() {
        assertTrue(assertThrows(DescriptorException.class, () -> parse(
                "<web-app><servlet-mapping><url-pattern>/x</url-pattern></servlet-mapping></web-app>"))
                .getMessage().contains("<servlet-mapping> without <servlet-name>"));
        assertTrue(assertThrows(DescriptorException.class, () -> parse(
                "<web-app><servlet><servlet-name>s</servlet-name><load-on-startup>soon</load-on-startup></servlet></web-app>"))
                .getMessage().contains("'soon' is not a number"));
        assertTrue(assertThrows(DescriptorException.class, () -> parse("<web-fragment/>"))
                .getMessage().contains("expected <web-app>"));
    }

    @Test
    void unsupportedElementsAreNotedForAWarning() throws Exception {
        WebXml w = parse("""
                <web-app version="6.1">
                  <env-entry><env-entry-name>x</env-entry-name></env-entry>
                  <jsp-config/>
                  <resource-ref><res-ref-name>jdbc/db</res-ref-name></resource-ref>
                  <display-name>d</display-name>
                </web-app>
                """);
        assertEquals(List.of("env-entry", "resource-ref"), List.copyOf(w.ignoredElements));
    }

    @Test
    void jspConfigWithTaglibsAndPropertyGroups() throws Exception {
        WebXml w = parse("""
                <web-app version="6.1">
                  <jsp-config>
                    <taglib><taglib-uri>urn:t</taglib-uri><taglib-location>/WEB-INF/t.tld</taglib-location></taglib>
                    <jsp-property-group>
                      <url-pattern>*.jspf</url-pattern><url-pattern>/views/*</url-pattern>
                      <el-ignored>true</el-ignored><page-encoding>UTF-8</page-encoding>
                      <include-prelude>/WEB-INF/a.jspf</include-prelude><include-prelude>/WEB-INF/b.jspf</include-prelude>
                      <trim-directive-whitespaces>true</trim-directive-whitespaces>
                    </jsp-property-group>
                  </jsp-config>
                </web-app>
                """);
        JspConfig.Taglib t = w.jspConfig.taglibs().get(0);
        assertEquals("urn:t /WEB-INF/t.tld", t.getTaglibURI() + " " + t.getTaglibLocation());
        JspConfig.PropertyGroup g = w.jspConfig.propertyGroups().get(0);
        assertEquals(List.of("*.jspf", "/views/*"), List.copyOf(g.getUrlPatterns()));
        assertEquals("true", g.getElIgnored());
        assertEquals("UTF-8", g.getPageEncoding());
        assertEquals(List.of("/WEB-INF/a.jspf", "/WEB-INF/b.jspf"), List.copyOf(g.getIncludePreludes()));
        assertEquals("true", g.getTrimDirectiveWhitespaces());
        assertEquals(null, g.getIsXml(), "absent settings are null");
    }

    @Test
    void dtdEraTopLevelTaglibAndFragmentsAddUp() throws Exception {
        WebXml main = parse("""
                <web-app>
                  <taglib><taglib-uri>urn:a</taglib-uri><taglib-location>/WEB-INF/a.tld</taglib-location></taglib>
                </web-app>
                """);
        WebXml fragment = new DescriptorParser().parseFragment(new java.io.ByteArrayInputStream("""
                <web-fragment>
                  <jsp-config>
                    <taglib><taglib-uri>urn:a</taglib-uri><taglib-location>/ignored.tld</taglib-location></taglib>
                    <taglib><taglib-uri>urn:b</taglib-uri><taglib-location>/WEB-INF/b.tld</taglib-location></taglib>
                    <jsp-property-group><url-pattern>*.jspx</url-pattern></jsp-property-group>
                  </jsp-config>
                </web-fragment>
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "f");
        JspConfig merged = new WebXmlMerger(main).add(fragment, true).result().jspConfig;
        assertEquals(List.of("/WEB-INF/a.tld", "/WEB-INF/b.tld"),
                merged.taglibs().stream().map(JspConfig.Taglib::location).toList(), "web.xml's urn:a wins");
        assertEquals(1, merged.propertyGroups().size());
        assertEquals(null, parse("<web-app/>").jspConfig);
    }

    @Test
    void externalEntitiesAreNeverRead() throws Exception {
        WebXml w = parse("""
                <?xml version="1.0"?>
                <!DOCTYPE web-app [ <!ENTITY secret SYSTEM "file:///etc/hostname"> ]>
                <web-app><display-name>x&secret;</display-name></web-app>
                """);
        assertEquals("x", w.displayName);
    }

    static final String FULL_61 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1" metadata-complete="true">
              <display-name>Full</display-name>
              <distributable/>
              <deny-uncovered-http-methods/>
              <request-character-encoding>UTF-8</request-character-encoding>
              <response-character-encoding>ISO-8859-1</response-character-encoding>
              <absolute-ordering><name>one</name><others/><name>two</name></absolute-ordering>
              <context-param><param-name>a</param-name><param-value>1</param-value></context-param>
              <context-param><param-name>b</param-name><param-value></param-value></context-param>
              <filter>
                <filter-name>log</filter-name><filter-class>x.LogFilter</filter-class>
                <async-supported>true</async-supported>
                <init-param><param-name>level</param-name><param-value>fine</param-value></init-param>
              </filter>
              <filter-mapping>
                <filter-name>log</filter-name><url-pattern>/*</url-pattern><url-pattern>/b/*</url-pattern>
                <servlet-name>upload</servlet-name>
                <dispatcher>REQUEST</dispatcher><dispatcher>FORWARD</dispatcher><dispatcher>ERROR</dispatcher>
              </filter-mapping>
              <filter-mapping><filter-name>log</filter-name><servlet-name>jsp</servlet-name></filter-mapping>
              <listener><listener-class>x.L1</listener-class></listener>
              <listener><description>two</description><listener-class>x.L2</listener-class></listener>
              <servlet>
                <servlet-name>upload</servlet-name><servlet-class>x.Upload</servlet-class>
                <init-param><param-name>size</param-name><param-value>10</param-value></init-param>
                <load-on-startup>3</load-on-startup>
                <enabled>false</enabled>
                <async-supported>true</async-supported>
                <run-as><role-name>admin</role-name></run-as>
                <security-role-ref><role-name>boss</role-name><role-link>admin</role-link></security-role-ref>
                <security-role-ref><role-name>staff</role-name></security-role-ref>
                <multipart-config>
                  <location>/tmp/up</location><max-file-size>1000</max-file-size>
                  <max-request-size>2000</max-request-size><file-size-threshold>100</file-size-threshold>
                </multipart-config>
              </servlet>
              <servlet><servlet-name>jsp</servlet-name><jsp-file>/page.jsp</jsp-file><load-on-startup/></servlet>
              <servlet-mapping>
                <servlet-name>upload</servlet-name>
                <url-pattern>/up/*</url-pattern><url-pattern>*.up</url-pattern><url-pattern></url-pattern>
              </servlet-mapping>
              <session-config>
                <session-timeout>45</session-timeout>
                <cookie-config>
                  <name>SID</name><domain>example.org</domain><path>/</path>
                  <http-only>true</http-only><secure>true</secure><max-age>600</max-age>
                  <attribute><attribute-name>SameSite</attribute-name><attribute-value>Strict</attribute-value></attribute>
                </cookie-config>
                <tracking-mode>COOKIE</tracking-mode><tracking-mode>URL</tracking-mode>
              </session-config>
              <mime-mapping><extension>svg</extension><mime-type>image/svg+xml</mime-type></mime-mapping>
              <welcome-file-list><welcome-file>index.html</welcome-file><welcome-file>index.jsp</welcome-file></welcome-file-list>
              <error-page><error-code>404</error-code><location>/404.html</location></error-page>
              <error-page><exception-type>java.io.IOException</exception-type><location>/io.html</location></error-page>
              <error-page><location>/any.html</location></error-page>
              <locale-encoding-mapping-list>
                <locale-encoding-mapping><locale>ja</locale><encoding>Shift_JIS</encoding></locale-encoding-mapping>
              </locale-encoding-mapping-list>
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>admin</web-resource-name><url-pattern>/admin/*</url-pattern>
                  <http-method>GET</http-method><http-method>POST</http-method>
                </web-resource-collection>
                <auth-constraint><role-name>admin</role-name></auth-constraint>
                <user-data-constraint><transport-guarantee>CONFIDENTIAL</transport-guarantee></user-data-constraint>
              </security-constraint>
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>all</web-resource-name><url-pattern>/*</url-pattern>
                  <http-method-omission>TRACE</http-method-omission>
                </web-resource-collection>
                <auth-constraint/>
              </security-constraint>
              <login-config>
                <auth-method>FORM</auth-method><realm-name>Realm</realm-name>
                <form-login-config><form-login-page>/login.html</form-login-page><form-error-page>/error.html</form-error-page></form-login-config>
              </login-config>
              <security-role><role-name>admin</role-name></security-role>
              <security-role><role-name>staff</role-name></security-role>
            </web-app>
            """;
}
