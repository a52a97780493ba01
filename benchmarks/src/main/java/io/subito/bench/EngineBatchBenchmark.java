package io.subito.bench;

import io.subito.bench.server.PlaintextHandler;
import io.subito.container.LocalConnector;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns per request through the engine without a socket: 16 pipelined {@code GET /plaintext}
 * requests per batch, served by the real connection, HTTP/1.1 batch runner, response framing and
 * encoder, and the bench server's handler ({@link LocalConnector}). The in-memory transport copies
 * bytes in and out under a lock, which the socket would not; compare runs of this benchmark with
 * each other, not with the socket benchmarks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBatchBenchmark {
    private static final int PIPELINED = 16;
    private byte[] batch;
    private LocalConnector.Endpoint connection;

    @Setup
    public void setUp() {
        batch = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n".repeat(PIPELINED)
                .getBytes(StandardCharsets.ISO_8859_1);
        connection = new LocalConnector(new PlaintextHandler()).connect();
    }

    @TearDown
    public void tearDown() {
        connection.close();
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINED)
    public byte[] pipelinedPlaintext() {
        return connection.send(batch).takeOutput();
    }
}
