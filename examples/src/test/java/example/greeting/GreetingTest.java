package example.greeting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class GreetingTest {
    @Deployment(testable = false)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "greeting.war").addClass(GreetingServlet.class);
    }

    @ArquillianResource
    URL url; // http://127.0.0.1:<port>/greeting/

    @Test
    void greets() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(url.toURI().resolve("greet?name=Ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("Hello, Ada", r.body());
    }
}
