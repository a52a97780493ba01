package io.subito.sessions.scaleout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One user of one application, as a browser: keeps the session cookie it is given, logs in
 * through the FORM login, and asks the counter servlet for the next number.
 */
final class Visitor {
    /** What the counter servlet answered: its count, the logged-in user, the instance's port. */
    record Count(int status, int n, String user, int port, boolean newCookie) {
        @Override
        public String toString() {
            return status + " n=" + n + " user=" + user + " port=" + port + (newCookie ? " (new session cookie)" : "");
        }
    }

    private static final Pattern COUNT = Pattern.compile("n=(\\d+) user=(\\S+) port=(\\d+)");

    private final HttpClient client;
    private final String base;
    private volatile String cookie;

    /** @param base {@code http://127.0.0.1:PORT/APP} */
    Visitor(HttpClient client, String base) {
        this.client = client;
        this.base = base;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The protected page shows the login form; the form's post logs in and sends us back to the page. */
    Visitor login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base + "/count")));
        if (form.statusCode() != 200 || !form.body().contains("login form")) {
            throw new AssertionError("expected the login form, got " + form.statusCode() + " " + form.body());
        }
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + user + "&j_password=" + password)));
        String location = posted.headers().firstValue("Location").orElse("");
        if (posted.statusCode() / 100 != 3 || !location.endsWith("/count")) {
            throw new AssertionError("the login did not send us back to /count: " + posted.statusCode() + " Location: "
                    + location + " " + posted.body());
        }
        return this;
    }

    /** The next number of this session (a POST: see the counter servlet). */
    Count count() throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/count"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        boolean fresh = r.headers().firstValue("Set-Cookie").isPresent();
        Matcher m = COUNT.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            return new Count(r.statusCode(), -1, r.body().replace('\n', ' '), -1, fresh);
        }
        return new Count(200, Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)), fresh);
    }

    /** Counts {@code times} and returns the last answer. */
    Count count(int times) throws IOException, InterruptedException {
        Count last = null;
        for (int i = 0; i < times; i++) {
            last = count();
        }
        return last;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        String c = cookie;
        if (c != null) {
            b.header("Cookie", c);
        }
        HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        Optional<String> set = r.headers().firstValue("Set-Cookie");
        set.ifPresent(v -> cookie = v.substring(0, v.indexOf(';') < 0 ? v.length() : v.indexOf(';')));
        return r;
    }

    /** The port of the instance that answers a request needing no session. */
    static int port(HttpClient client, String base) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/port")).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Integer.parseInt(r.body().trim()) : -1;
    }
}
