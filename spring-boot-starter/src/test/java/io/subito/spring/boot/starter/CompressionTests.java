package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.spring.boot.starter.app.ShopApplication;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** server.compression.* reaches Subito: JSON over the minimum is gzipped for a client that asks, the rest is not. */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "server.compression.enabled=true",
    "server.compression.min-response-size=1KB"})
class CompressionTests {
    @LocalServerPort
    int port;

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        var b = Http.request(port, path);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return Http.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aLargeJsonAnswerIsGzippedAndASmallOneIsNot() throws Exception {
        String name = "n".repeat(3000);
        HttpResponse<byte[]> big = get("/greeting?name=" + name, "Accept-Encoding", "gzip");
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(big.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(big.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
        try (var in = new GZIPInputStream(new ByteArrayInputStream(big.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(name);
        }
        HttpResponse<byte[]> small = get("/greeting", "Accept-Encoding", "gzip");
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
        HttpResponse<byte[]> identity = get("/greeting?name=" + name);
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(identity.body(), StandardCharsets.UTF_8)).contains(name);
    }
}
