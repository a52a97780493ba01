package io.subito.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.example.isolation.ContextProbeServlet;
import org.example.isolation.SecretServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-context access as configured: off unless conf/server.properties ({@code crossContext})
 * or the application's conf/apps/NAME.properties turns it on; asked by deployed WARs over HTTP.
 */
class CrossContextConfigTest {
    @TempDir
    Path home;

    private static WarBuilder probe() {
        return new WarBuilder().webInfClasses(ContextProbeServlet.class);
    }

    /** FORM login, /private/* for admins only. */
    private static WarBuilder bank() {
        return new WarBuilder().webInfClasses(ContextProbeServlet.class, SecretServlet.class)
                .add("WEB-INF/web.xml", TestWars.webXml("""
                        <servlet><servlet-name>secret</servlet-name>
                          <servlet-class>org.example.isolation.SecretServlet</servlet-class></servlet>
                        <servlet-mapping><servlet-name>secret</servlet-name><url-pattern>/private/*</url-pattern></servlet-mapping>
                        <security-constraint>
                          <web-resource-collection><web-resource-name>p</web-resource-name><url-pattern>/private/*</url-pattern></web-resource-collection>
                          <auth-constraint><role-name>admin</role-name></auth-constraint>
                        </security-constraint>
                        <security-role><role-name>admin</role-name></security-role>
                        <login-config><auth-method>FORM</auth-method>
                          <form-login-config><form-login-page>/login.html</form-login-page><form-error-page>/login.html</form-error-page></form-login-config>
                        </login-config>
                        """)).add("login.html", "please log in");
    }

    private RunningServer start(String serverConf) throws Exception {
        Path webapps = Files.createDirectories(home.resolve("webapps"));
        probe().writeTo(webapps.resolve("shop.war"));
        bank().writeTo(webapps.resolve("bank.war"));
        probe().writeTo(webapps.resolve("ROOT.war"));
        return new RunningServer(home, serverConf);
    }

    private void appConf(String name, String content) throws Exception {
        Files.createDirectories(home.resolve("conf/apps"));
        Files.writeString(home.resolve("conf/apps/" + name + ".properties"), content);
    }

    @Test
    void offByDefaultAnApplicationSeesOnlyItself() throws Exception {
        try (RunningServer s = start("")) {
            assertEquals("null", s.get("/shop/context?path=/bank").body());
            assertEquals("null", s.get("/shop/context?path=/").body(), "the root application is another one");
            assertEquals("null", s.get("/context?path=/shop/x").body());
            assertEquals("ctx=/shop", s.get("/shop/context?path=/shop/anything").body());
            assertEquals("ctx=", s.get("/context?path=/nothing-deployed-here").body(), "the root's own paths");
        }
    }

    @Test
    void onForOneApplicationByItsOwnFileInConfApps() throws Exception {
        appConf("shop", "crossContext=true\n");
        try (RunningServer s = start("")) {
            assertEquals("ctx=/bank", s.get("/shop/context?path=/bank/x").body());
            assertEquals("null", s.get("/bank/context?path=/shop").body(), "the others keep it off");
        }
    }

    @Test
    void onServerWideAndOffAgainForOneApplication() throws Exception {
        appConf("bank", "# this one may not look around\ncrossContext=false\n");
        try (RunningServer s = start("crossContext=true\n")) {
            assertEquals("ctx=/bank", s.get("/shop/context?path=/bank").body());
            assertEquals("ctx=/shop", s.get("/context?path=/shop").body());
            assertEquals("null", s.get("/bank/context?path=/shop").body());
        }
    }

    @Test
    void anIncludedServletOfAnotherApplicationKeepsItsFormLoginConstraint() throws Exception {
        try (RunningServer s = start("crossContext=true\n")) {
            String body = s.get("/shop/context?path=/bank&include=/private/statement").body();
            assertEquals("refused: include from /shop to /bank/private/statement refused: "
                    + "its constraints need an authenticated user", body);
            assertEquals("please log in", s.get("/bank/private/statement").body(), "asked directly: the login page");
        }
    }

    @Test
    void aBadPerApplicationFileRefusesThatApplicationNamingTheFileAndKey() throws Exception {
        appConf("shop", "crossContext=maybe\n");
        appConf("bank", "crosContext=true\n");
        try (RunningServer s = start("")) {
            String shop = s.awaitFailure("shop.war");
            assertTrue(shop.contains("shop.properties") && shop.contains("crossContext=maybe"), shop);
            String bank = s.awaitFailure("bank.war");
            assertTrue(bank.contains("bank.properties") && bank.contains("unknown key crosContext"), bank);
            assertEquals(503, s.get("/shop/context?path=/").status(), "shop is not deployed: its path is unavailable");
            assertEquals("ctx=", s.get("/context?path=/shop").body(), "the root is served, and /shop is now its own path");
        }
    }
}
