package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code server.servlet.session.persistent}: sessions are written to the store directory when the
 * application stops and are there again after a restart, as with Tomcat; without it a restart
 * forgets them.
 */
class SessionPersistenceTests {
    @TempDir
    Path dir;

    /** Two visits in one session; answers the session cookie. */
    private static String visitTwice(int port, String path) throws Exception {
        HttpResponse<String> first = Http.get(port, path);
        assertThat(first.body()).isEqualTo("1");
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(Http.get(port, path, "Cookie", cookie).body()).isEqualTo("2");
        return cookie;
    }

    @Test
    void aPersistentSessionSurvivesARestartOfTheApplication() throws Exception {
        String store = "server.servlet.session.store-dir=" + dir;
        String cookie;
        try (ConfigurableApplicationContext app = Shop.start("server.servlet.session.persistent=true", store)) {
            cookie = visitTwice(Shop.port(app), "/visits");
        }
        try (Stream<Path> files = Files.list(dir.resolve("ROOT"))) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement()
                    .satisfies(f -> assertThat(f).endsWith(".session"));
        }
        try (ConfigurableApplicationContext app = Shop.start("server.servlet.session.persistent=true", store)) {
            HttpResponse<String> r = Http.get(Shop.port(app), "/visits", "Cookie", cookie);
            assertThat(r.body()).isEqualTo("3");
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty(); // the same session, no new cookie
        }
    }

    @Test
    void underAContextPathTheSessionsAreKeptInADirectoryNamedAfterIt() throws Exception {
        String[] props = {"server.servlet.session.persistent=true", "server.servlet.session.store-dir=" + dir,
            "server.servlet.context-path=/shop/eu"};
        String cookie;
        try (ConfigurableApplicationContext app = Shop.start(props)) {
            cookie = visitTwice(Shop.port(app), "/shop/eu/visits");
        }
        assertThat(dir.resolve("shop#eu")).isDirectoryContaining("glob:**.session");
        try (ConfigurableApplicationContext app = Shop.start(props)) {
            assertThat(Http.get(Shop.port(app), "/shop/eu/visits", "Cookie", cookie).body()).isEqualTo("3");
        }
    }

    @Test
    void withoutPersistentSessionsARestartStartsAfresh() throws Exception {
        String cookie;
        try (ConfigurableApplicationContext app = Shop.start("server.servlet.session.store-dir=" + dir)) {
            cookie = visitTwice(Shop.port(app), "/visits");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        try (ConfigurableApplicationContext app = Shop.start()) {
            assertThat(Http.get(Shop.port(app), "/visits", "Cookie", cookie).body()).isEqualTo("1");
        }
    }

    @Test
    void aStoreDirectoryThatIsAFileFailsTheStartNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> Shop.start("server.servlet.session.persistent=true",
                "server.servlet.session.store-dir=" + file))
                .hasStackTraceContaining("Session dir " + file + " points to a file");
    }
}
