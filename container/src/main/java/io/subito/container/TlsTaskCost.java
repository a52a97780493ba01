package io.subito.container;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What the ClientHello's delegated tasks (the key exchange and the certificate's signature) cost
 * on this server, and so where they run: on the loop that reads the handshake while their average
 * CPU time is within a bound ({@code tls.inlineTaskMicros}), else on a worker.
 *
 * <p>Why both: on the loop a handshake costs no hand-off (two thread switches each way, and the
 * worker's wake-up), which is most of what a full handshake costs besides its crypto; but the loop
 * serves its other connections only once the tasks are done. With an ECDSA P-256 key they take
 * about 0.6 ms of CPU on a warm JVM: on the loop. An RSA 4096 key's signature, or any key's on a
 * cold JVM (the crypto still interpreted, several milliseconds), goes to a worker, and the
 * measurements made there bring the handshakes back to the loop once the JIT has made them cheap.
 *
 * <p>The average is an exponentially weighted one (a quarter to the newest), of thread CPU time,
 * not of the clock: a task preempted by the loop's own workers on a shared core would look slow
 * by the clock and never come back. Measured wherever the tasks ran; until a first measurement
 * the tasks go to a worker. Loops share one estimate: updates from several threads may overwrite
 * each other, which only loses a sample (no lock on the loop).
 *
 * <p>Reading a thread's CPU clock is a system call, two per measurement. Tasks that run on a
 * worker are always measured (those measurements bring them back to the loop); on the loop, once
 * the estimate stands, one handshake in {@link #SAMPLE_EVERY} is ({@link #measuresOnLoop}): a
 * dearer key after a reload still sends the handshakes to the workers within that many.
 *
 * <p>With client authentication the tasks never run on the loop: a trust manager may fetch
 * revocation data, which blocks, and CPU time would not show it.
 */
final class TlsTaskCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();
    private static final long UNKNOWN = -1;
    /** On the loop, one handshake's tasks in this many are measured. */
    static final int SAMPLE_EVERY = 16;
    private final long boundNanos;
    private volatile long averageNanos = UNKNOWN;
    /** Handshakes whose tasks ran on a loop; plain field: a lost update only moves a sample. */
    private int onLoopRuns;

    /** @param boundMicros at most this average on the loop; 0: never on the loop */
    TlsTaskCost(long boundMicros) {
        this.boundNanos = boundMicros * 1_000;
    }

    /** Whether the next ClientHello's tasks run on the loop. */
    boolean onLoop() {
        long a = averageNanos;
        return a != UNKNOWN && a <= boundNanos && boundNanos > 0;
    }

    /** Whether the tasks about to run on the loop (as {@link #onLoop} decided) are measured. */
    boolean measuresOnLoop() {
        return onLoopRuns++ % SAMPLE_EVERY == 0;
    }

    /** A start mark for {@link #recordSince}, on the thread that runs the tasks. */
    static long start() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Adds the cost of tasks that ran on this thread since {@code start}. */
    void recordSince(long start) {
        record((CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - start);
    }

    /** Adds one measurement of {@code nanos}. */
    void record(long nanos) {
        long a = averageNanos;
        averageNanos = a == UNKNOWN ? nanos : a + (nanos - a) / 4;
    }

    long averageNanos() {
        return averageNanos;
    }

    @Override
    public String toString() {
        long a = averageNanos;
        return "ClientHello tasks " + (a == UNKNOWN ? "not measured yet" : a / 1_000 + " us") + ", on the loop up to "
                + boundNanos / 1_000 + " us";
    }
}
