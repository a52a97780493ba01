package io.subito.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.subito.spring.boot.starter.app.ShopApplication;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * server.compression.* reaches Subito: JSON over the minimum is gzipped for a client that asks,
 * the rest is not, nor is it for a client that excluded-user-agents names.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "server.compression.enabled=true",
    "server.compression.min-response-size=1KB",
    "server.compression.excluded-user-agents=gozilla/.*,.*MSIE 6\\.0.*"})
class CompressionTests {
    private static final String NAME = "n".repeat(3000);

    @LocalServerPort
    int port;

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        var b = Http.request(port, path);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return Http.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] body) throws Exception {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aLargeJsonAnswerIsGzippedAndASmallOneIsNot() throws Exception {
        HttpResponse<byte[]> big = get("/greeting?name=" + NAME, "Accept-Encoding", "gzip");
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(big.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(big.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
        assertThat(gunzip(big.body())).contains(NAME);
        HttpResponse<byte[]> small = get("/greeting", "Accept-Encoding", "gzip");
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
        HttpResponse<byte[]> identity = get("/greeting?name=" + NAME);
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(identity.body(), StandardCharsets.UTF_8)).contains(NAME);
    }

    @Test
    void aClientThatExcludedUserAgentsNamesGetsTheIdentityBodyAndAnotherGetsGzip(CapturedOutput output) throws Exception {
        for (String excluded : new String[] {"gozilla/1.0", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)"}) {
            HttpResponse<byte[]> r = get("/greeting?name=" + NAME, "Accept-Encoding", "gzip", "User-Agent", excluded);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Encoding")).as(excluded).isEmpty();
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(NAME);
        }
        HttpResponse<byte[]> other = get("/greeting?name=" + NAME, "Accept-Encoding", "gzip",
                "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        assertThat(other.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(other.body())).contains(NAME);
        assertThat(output.getAll()).doesNotContain("is not supported by Subito");
    }
}
