package io.subito.bench;

import io.subito.container.http.HttpLimits;
import io.subito.container.http.HttpParseException;
import io.subito.container.http.RequestHead;
import io.subito.container.http.RequestParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns per request head, as the engine parses it: the parser marks offsets in a reused
 * {@link RequestHead} and applies the framing rules; nothing is decoded into a String.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestParserBenchmark {
    static final String WRK = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
    static final String BROWSER = "GET /app/products/list?page=2&sort=price HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Referer: https://www.example.com/app/products\r\n"
            + "Cookie: JSESSIONID=8F1C0E5A2B3D4C5E6F708192A3B4C5D6; theme=dark; lang=en\r\n"
            + "Connection: keep-alive\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "Sec-Fetch-Dest: document\r\n"
            + "\r\n";

    @Param({"wrk", "browser"})
    public String request;

    private byte[] bytes;
    private final RequestParser parser = new RequestParser(HttpLimits.defaults());
    private final RequestHead head = new RequestHead();

    @Setup
    public void setup() {
        bytes = ("wrk".equals(request) ? WRK : BROWSER).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Benchmark
    public int parse() throws HttpParseException {
        head.recycle();
        parser.begin(0);
        return parser.parse(bytes, bytes.length, head);
    }

    /** The parse plus what the plaintext handler asks of the head. */
    @Benchmark
    public boolean parseAndRoute() throws HttpParseException {
        head.recycle();
        parser.begin(0);
        parser.parse(bytes, bytes.length, head);
        return head.pathEquals("/plaintext") && head.isMethod("GET");
    }
}
