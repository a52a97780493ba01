package io.subito.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.example.greeting.GreetingServlet;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adapter as an application developer uses it: a ShrinkWrap WAR, deployed, called over HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SubitoContainerTest {
    @Deployment(testable = false)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "greeting.war")
                .addClass(GreetingServlet.class)
                .addAsWebResource(new org.jboss.shrinkwrap.api.asset.StringAsset("static page"), "index.txt")
                .addAsWebResource(new org.jboss.shrinkwrap.api.asset.StringAsset("in a folder"), "folder/a.txt")
                .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset("secret"), "secret.txt");
    }

    @ArquillianResource
    URL url;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url.toString() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void urlPointsAtTheContextNamedAfterTheArchive() {
        assertEquals("/greeting/", url.getPath());
        assertEquals("127.0.0.1", url.getHost());
    }

    @Test
    void annotatedServletAnswersFromTheWebappClassLoader() throws Exception {
        HttpResponse<String> r = get("greet?name=Ada");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("Hello Ada from /greeting via "), r.body());
        // the WAR's copy of the class, not the test class path's
        assertTrue(r.body().endsWith("WebAppClassLoader"), r.body());
    }

    @Test
    void staticFilesAreServedAndWebInfIsNot() throws Exception {
        assertEquals("static page", get("index.txt").body());
        assertEquals(404, get("WEB-INF/secret.txt").statusCode());
    }

    /** relativeRedirects is true unless configured (the TCK profiles set false in tck-runner/pom.xml). */
    @Test
    void redirectsArePathsByDefault() throws Exception {
        HttpResponse<String> r = get("folder");
        assertEquals(302, r.statusCode());
        assertEquals("/greeting/folder/", r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void relativeRedirectsAreTheAdaptersDefault() {
        assertTrue(new SubitoContainerConfiguration().getRelativeRedirects());
    }
}
