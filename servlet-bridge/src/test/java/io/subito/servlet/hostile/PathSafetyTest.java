package io.subito.servlet.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.subito.servlet.Subito;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.security.LoginConfig;
import io.subito.servlet.security.PropertiesRealm;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.WebResourceCollection;
import io.subito.servlet.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Path tricks against the mapping and the default servlet of a context served from a real
 * directory: WEB-INF and META-INF content, files beside the web-app directory, and a
 * security-constrained folder must be unreachable under every encoding. Each target is refused
 * (400), not found (404) or challenged (401), and no response body ever carries a protected
 * file's content. Every file's content is a marker the bodies are searched for.
 */
class PathSafetyTest {
    private static final String WEB_XML = "MARK-WEB-XML";
    private static final String WEB_INF_SECRET = "MARK-WEB-INF-SECRET";
    private static final String CLASSES_SECRET = "MARK-CLASSES-SECRET";
    private static final String MANIFEST = "MARK-MANIFEST";
    private static final String OUTSIDE = "MARK-OUTSIDE-THE-APP";
    private static final String ADMIN = "MARK-ADMIN-ONLY";
    private static final List<String> PROTECTED = List.of(WEB_XML, WEB_INF_SECRET, CLASSES_SECRET, MANIFEST, OUTSIDE, ADMIN);

    private static final Set<Integer> REFUSED = Set.of(400, 404);
    private static final Set<Integer> CHALLENGED = Set.of(400, 401, 404);

    @TempDir
    static Path root;
    static Subito server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Path app = Files.createDirectories(root.resolve("app"));
        Files.writeString(app.resolve("public.txt"), "PUBLIC");
        Files.createDirectories(app.resolve("WEB-INF/classes"));
        Files.writeString(app.resolve("WEB-INF/web.xml"), "<web-app>" + WEB_XML + "</web-app>");
        Files.writeString(app.resolve("WEB-INF/secret.txt"), WEB_INF_SECRET);
        Files.writeString(app.resolve("WEB-INF/classes/app.properties"), CLASSES_SECRET);
        Files.createDirectories(app.resolve("META-INF"));
        Files.writeString(app.resolve("META-INF/MANIFEST.MF"), MANIFEST);
        Files.createDirectories(app.resolve("admin"));
        Files.writeString(app.resolve("admin/page.txt"), ADMIN);
        // a file beside the web-app directory, the target of ".." tricks
        Files.createDirectories(root.resolve("outside"));
        Files.writeString(root.resolve("outside/secret.txt"), OUTSIDE);
        Files.writeString(root.resolve("secret.txt"), OUTSIDE);
        // links inside the web-app directory that lead out of it, or into WEB-INF under another name
        Files.createSymbolicLink(app.resolve("out"), root.resolve("outside"));
        Files.createSymbolicLink(app.resolve("leak.txt"), root.resolve("secret.txt"));
        Files.createSymbolicLink(app.resolve("conf"), app.resolve("WEB-INF"));

        WebAppContext ctx = new WebAppContext("/app", app, PathSafetyTest.class.getClassLoader());
        ctx.setLoginConfig(LoginConfig.basic("hostile"));
        ctx.addRoleDeclaration("admin");
        ctx.addSecurityConstraint(new SecurityConstraint(
                List.of(new WebResourceCollection("admin", List.of("/admin/*"), null, null)), true, Set.of("admin"), false));
        server = Subito.builder().port(0).realm(new PropertiesRealm().user("ann", "pw", "admin")).build(ctx);
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static Stream<Arguments> protectedTargets() {
        return Stream.of(
                // the protected folders, plainly and by case, dots and spaces
                t("/app/WEB-INF/web.xml"), t("/app/WEB-INF/secret.txt"), t("/app/META-INF/MANIFEST.MF"),
                t("/app/WEB-INF/classes/app.properties"), t("/app/WEB-INF/"), t("/app/WEB-INF"), t("/app/META-INF/"),
                t("/app/web-inf/secret.txt"), t("/app/Web-Inf/web.xml"), t("/app/meta-inf/MANIFEST.MF"),
                t("/app/WEB-INF./secret.txt"), t("/app/WEB-INF%20/secret.txt"), t("/app/WEB-INF%2e/secret.txt"),
                t("/app/WEB-INF/secret.txt."), t("/app/WEB-INF/secret.txt%20"), t("/app/WEB-INF/secret.txt/"),
                t("/app/%57EB-INF/secret.txt"), t("/app/%57%45%42%2d%49%4e%46/secret.txt"), t("/app/WEB%2DINF/web.xml"),
                // dot segments, plain and encoded
                t("/app/x/../WEB-INF/secret.txt"), t("/app/public.txt/../WEB-INF/secret.txt"),
                t("/app/./WEB-INF/secret.txt"), t("/app/WEB-INF/./secret.txt"), t("/app//WEB-INF/secret.txt"),
                t("/app/x/%2e%2e/WEB-INF/secret.txt"), t("/app/x/%2E%2e/WEB-INF/secret.txt"), t("/app/x/.%2e/WEB-INF/secret.txt"),
                t("/app/%2e/WEB-INF/secret.txt"), t("/app/x/%2e%2e%2fWEB-INF/secret.txt"),
                // encoded separators and backslashes
                t("/app/WEB-INF%2fsecret.txt"), t("/app/WEB-INF%2Fsecret.txt"), t("/app/%2fWEB-INF/secret.txt"),
                t("/app/WEB-INF%5csecret.txt"), t("/app/WEB-INF%5Csecret.txt"), t("/app/WEB-INF\\secret.txt"),
                t("/app/x\\..\\WEB-INF\\secret.txt"), t("/app/..\\secret.txt"),
                // path parameters
                t("/app/..;/WEB-INF/secret.txt"), t("/app/x/..;/WEB-INF/secret.txt"), t("/app/.;/WEB-INF/secret.txt"),
                t("/app/WEB-INF;x/secret.txt"), t("/app;x/WEB-INF/secret.txt"), t("/app/WEB-INF/secret.txt;x"),
                t("/app/;/WEB-INF/secret.txt"), t("/app/x/..;x=1/WEB-INF/secret.txt"), t("/app/WEB-INF;%2f/secret.txt"),
                // overlong UTF-8 and other invalid sequences for '.', '/' and '\'
                t("/app/x/%c0%ae%c0%ae/WEB-INF/secret.txt"), t("/app/%c0%afWEB-INF/secret.txt"),
                t("/app/x/%e0%80%ae%e0%80%ae/WEB-INF/secret.txt"), t("/app/%c1%9cWEB-INF/secret.txt"),
                t("/app/%c0%2e%c0%2e/secret.txt"), t("/app/%ff/WEB-INF/secret.txt"),
                // NUL and controls
                t("/app/WEB-INF/secret.txt%00"), t("/app/WEB-INF/secret.txt%00.html"), t("/app/%00/WEB-INF/secret.txt"),
                t("/app/WEB-INF%01/secret.txt"),
                // double encoding is decoded once only: the literal names do not exist
                t("/app/%252e%252e/WEB-INF/secret.txt"), t("/app/WEB-INF%252fsecret.txt"), t("/app/x/%252e%252e/%252e%252e/secret.txt"),
                // out of the web-app directory
                t("/app/../secret.txt"), t("/app/../outside/secret.txt"), t("/app/x/../../secret.txt"),
                t("/app/%2e%2e/secret.txt"), t("/app/../../../../etc/passwd"), t("/app/..%2f..%2fsecret.txt"),
                t("/app/%2e%2e%5csecret.txt"), t("/../app/WEB-INF/secret.txt"),
                // symbolic links in the web-app directory that lead out of it or into WEB-INF
                t("/app/out/secret.txt"), t("/app/leak.txt"), t("/app/conf/secret.txt"), t("/app/conf/web.xml"),
                // absolute-form targets take the same path
                t("http://t/app/WEB-INF/secret.txt"), t("http://t/app/x/../WEB-INF/secret.txt"),
                t("http://t/app/%2e%2e/secret.txt"));
    }

    /** Targets that canonicalise into the constrained /admin/* area: the constraint must still apply. */
    static Stream<Arguments> constrainedTargets() {
        return Stream.of(
                c("/app/admin/page.txt"), c("/app/admin"), c("/app/admin/"), c("/app/x/../admin/page.txt"),
                c("/app/./admin/page.txt"), c("/app//admin/page.txt"), c("/app/admin//page.txt"),
                c("/app/admin/./page.txt"), c("/app/admin;x/page.txt"), c("/app/admin/page.txt;x"),
                c("/app;x/admin/page.txt"), c("/app/%61dmin/page.txt"), c("/app/admi%6e/page.txt"),
                c("/app/admin/x/../page.txt"), c("/app/admin%2fpage.txt"), c("/app/x/%2e%2e/admin/page.txt"),
                c("/app/x/..;/admin/page.txt"), c("/app/ADMIN/page.txt"), c("/app/admin/page.txt."),
                c("http://t/app/x/../admin/page.txt"));
    }

    private static Arguments t(String target) {
        return Arguments.of(target);
    }

    private static Arguments c(String target) {
        return Arguments.of(target);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedTargets")
    void protectedContentIsUnreachable(String target) throws Exception {
        Http.Reply r = get(target);
        assertTrue(REFUSED.contains(r.status()), target + " gave " + r.status() + ": " + r.body());
        assertNoProtectedContent(target, r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constrainedTargets")
    void constraintFollowsTheCanonicalPath(String target) throws Exception {
        Http.Reply r = get(target);
        assertTrue(CHALLENGED.contains(r.status()), target + " gave " + r.status() + ": " + r.body());
        assertNoProtectedContent(target, r);
    }

    /** The same files are reachable when asked for properly, so the refusals above are not vacuous. */
    @Test
    void theFilesAreThereForLegitimateRequests() throws Exception {
        assertEquals("PUBLIC", get("/app/public.txt").body());
        assertEquals("PUBLIC", get("/app/x/../public.txt").body());
        assertEquals("PUBLIC", get("/app/%70ublic.txt").body());
        Http.Reply admin = get("/app/x/../admin/page.txt", "Authorization: Basic YW5uOnB3");
        assertEquals(200, admin.status());
        assertEquals(ADMIN, admin.body());
        WebAppContext ctx = server.context("/app");
        assertTrue(ctx.servletContext().getResourceAsStream("/WEB-INF/secret.txt") != null, "WEB-INF is there for the application");
    }

    private static Http.Reply get(String target, String... headers) throws Exception {
        try (Http h = new Http(port)) {
            return h.send("GET", target, null, headers);
        }
    }

    private static void assertNoProtectedContent(String target, Http.Reply r) {
        for (String mark : PROTECTED) {
            assertFalse(r.body().contains(mark), target + " served protected content " + mark);
        }
    }
}
