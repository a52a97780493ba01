package io.subito.spring.boot.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample as spring-boot-maven-plugin packages it, run as {@code java -jar} in a process of
 * its own: the application's classes and its dependencies are nested in the jar (Spring Boot's
 * launcher and class loader), Subito included.
 */
class ExecutableJarIT {
    private static final Pattern STARTED = Pattern.compile("Subito started on port (\\d+) \\(http\\)");
    private static Process process;
    private static int port;
    private static final StringBuffer log = new StringBuffer();

    @BeforeAll
    static void startTheJar() throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar"));
        assertThat(jar).exists();
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(j.getManifest().getMainAttributes().getValue("Main-Class")).startsWith("org.springframework.boot.loader");
            assertThat(j.getEntry("BOOT-INF/lib/jquery-3.7.1.jar")).as("the webjar is nested").isNotNull();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1")
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.append(line).append('\n');
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        started.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
            started.completeExceptionally(new IllegalStateException("the application ended before serving:\n" + log));
        }, "sample-jar-output");
        reader.setDaemon(true);
        reader.start();
        port = started.get(180, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopTheJar() throws Exception {
        if (process != null) {
            process.destroy(); // SIGTERM: Spring Boot's shutdown hook closes the context
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aRestControllerAnswersJson() throws Exception {
        HttpResponse<String> r = new Browser(port).get("/api/greeting?name=jar");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).contains("\"message\":\"Hello, jar\"").contains("Subito");
    }

    @Test
    void aStaticFileFromMetaInfResourcesOfANestedJarIsServed() throws Exception {
        HttpResponse<String> r = new Browser(port).get("/webjars/jquery/3.7.1/jquery.min.js");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(r.body()).startsWith("/*! jQuery v3.7.1");
        int size = r.body().getBytes(StandardCharsets.UTF_8).length;
        // the container itself reads it from the nested jar (ServletContext.getResourceAsStream)
        assertThat(new Browser(port).get("/api/resource-size?path=/webjars/jquery/3.7.1/jquery.min.js").body())
                .isEqualTo(Integer.toString(size));
        assertThat(new Browser(port).get("/api/resource-size?path=/webjars/jquery/3.7.1/missing.js").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theThymeleafPageAndTheLoginFormComeFromTheJar() throws Exception {
        assertThat(new Browser(port).get("/hello?name=jar").body()).contains("Hello, jar!");
        Browser b = new Browser(port);
        String token = Browser.csrfToken(b.get("/login").body());
        HttpResponse<String> login = b.post("/login", Map.of("username", "ada", "password", "lovelace", "_csrf", token));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(b.get("/account").body()).contains("Signed in as ada");
    }

    @Test
    void aJspPageInTheJarUsesJstlFromANestedJar() throws Exception {
        // the page is BOOT-INF/classes/META-INF/resources/tags.jsp; JSTL's TLDs are in BOOT-INF/lib's jar
        HttpResponse<String> r = new Browser(port).get("/tags.jsp?name=%3Cjar%3E");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body().trim()).isEqualTo("[1][2][3]|&lt;JAR&gt;");
    }

    @Test
    void actuatorHealthIsUp() throws Exception {
        assertThat(new Browser(port).get("/actuator/health").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void theLogSaysSubitoServes() {
        assertThat(log.toString()).contains("Subito initialized with port 0").doesNotContain("Tomcat");
        assertThat(Files.exists(Path.of(System.getProperty("sample.jar")))).isTrue();
    }
}
