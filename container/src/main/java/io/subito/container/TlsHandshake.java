package io.subito.container;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Where one TLS connection's handshake stands ({@link Phase}, changed only by {@link #moveTo}),
 * and the three rules around it:
 * <ul>
 * <li><b>Delegated tasks on the loop while they are cheap.</b> The engine's first tasks (the
 *     ClientHello's key exchange and signature: the expensive part of a handshake) run on the loop
 *     while {@link TlsTaskCost} measures them within its bound (about 0.6 ms with an ECDSA P-256 key
 *     on a warm JVM), else on the server's worker executor, so that one loop goes on serving its
 *     other connections meanwhile; the connection does not read until they are done, then it
 *     resumes on its loop ({@link #runTasks}). A hand-off costs a worker's wake-up and two thread
 *     switches (docs/BENCHMARKS.md §12). Later tasks of the same handshake (the client's Finished; with
 *     client certificates, their check) are short and run on the loop. Without an executor (the
 *     in-memory connector) and off the loop (a handler reading a body when a TLS 1.3 key update
 *     arrives) they run where they are.
 * <li><b>Deadline.</b> A handshake not finished {@code timeoutMillis} after the accept is closed by
 *     the reaper ({@link #expired}): a client that connects and sends nothing, or half a
 *     ClientHello, holds a socket and an engine no longer than that (slowloris on the handshake).
 *     A PROXY protocol header before the ClientHello counts within the same time.
 * <li><b>No renegotiation.</b> Once done, a new handshake on TLS 1.2 is refused ({@link #afterStep});
 *     TLS 1.3 has none (its post-handshake messages, key updates and tickets, go on).
 * </ul>
 * Loop-side except {@link #runTasks}' task itself, which touches only the engine (and the cost estimate).
 */
final class TlsHandshake {
    private static final System.Logger LOG = System.getLogger(TlsTransport.class.getName());

    enum Phase {
        /** Records are being exchanged. */
        HANDSHAKING,
        /** The engine's delegated tasks run on the executor; nobody touches the engine meanwhile. */
        TASKS_RUNNING,
        /** The handshake finished: application data flows. */
        DONE
    }

    private final SSLEngine engine;
    /** Where delegated tasks run; null: where they come up. */
    private final Executor executor;
    /** Where the ClientHello's tasks run, by what they cost; null: where they come up. */
    private final TlsTaskCost cost;
    private final long startedAt;
    private final long timeoutMillis;
    private volatile Phase phase = Phase.HANDSHAKING;
    /** The first batch of tasks (the ClientHello's) has run: the later, short ones run where they come up. */
    private boolean firstTasksRan;

    TlsHandshake(SSLEngine engine, Executor executor, TlsTaskCost cost, long startedAt, long timeoutMillis) {
        this.engine = engine;
        this.executor = executor;
        this.cost = cost;
        this.startedAt = startedAt;
        this.timeoutMillis = timeoutMillis;
    }

    /** The one place the phase changes. */
    private void moveTo(Phase next) {
        phase = next;
    }

    boolean isDone() {
        return phase == Phase.DONE;
    }

    boolean tasksRunning() {
        return phase == Phase.TASKS_RUNNING;
    }

    /**
     * Runs the engine's delegated tasks. True when they ran here and the caller goes on; false when
     * they went to the executor: the caller stops touching the engine, and {@code resume} runs on
     * {@code loop} once they are done.
     */
    boolean runTasks(EventLoop loop, Runnable resume, Object peer) throws SSLException {
        if (phase == Phase.DONE) {
            // after the handshake: a TLS 1.3 key update, or a TLS 1.2 renegotiation, which the JDK
            // refuses in its task (jdk.tls.rejectClientInitiatedRenegotiation, see ServerTls) with a
            // handshake_failure alert; should it not, it is refused here, without one
            runAll();
            if (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING && isTls12() && !engineFailed()) {
                throw new SSLException("TLS renegotiation refused");
            }
            return true;
        }
        boolean first = !firstTasksRan;
        firstTasksRan = true;
        if (!first || executor == null || !loop.isLoopThread()) {
            runAll();
            return true;
        }
        if (cost != null && cost.onLoop()) {
            if (cost.measuresOnLoop()) {
                runMeasured(peer);
            } else {
                runAll(); // the estimate stands: no CPU clock read (two system calls) for this one
                traceWhere(peer);
            }
            return true;
        }
        moveTo(Phase.TASKS_RUNNING);
        try {
            executor.execute(() -> {
                try {
                    runMeasured(peer);
                } finally {
                    loop.execute(() -> {
                        moveTo(Phase.HANDSHAKING);
                        resume.run();
                    });
                }
            });
            return false;
        } catch (RejectedExecutionException e) {
            // the server is stopping: finish here rather than leave the handshake hanging
            moveTo(Phase.HANDSHAKING);
            runAll();
            return true;
        }
    }

    /** The ClientHello's tasks, their CPU time added to the estimate that decides where the next ones run. */
    private void runMeasured(Object peer) {
        long start = TlsTaskCost.start();
        runAll();
        if (cost != null) {
            cost.recordSince(start);
        }
        traceWhere(peer);
    }

    private void traceWhere(Object peer) {
        if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "TLS handshake tasks for " + peer + " ran on " + Thread.currentThread().getName()
                    + (cost != null ? " (" + cost + ")" : ""));
        }
    }

    private void runAll() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** After each wrap or unwrap: notes the end of the handshake, refuses a TLS 1.2 renegotiation. */
    void afterStep(HandshakeStatus hs, Object peer) throws SSLException {
        if (hs == HandshakeStatus.FINISHED) {
            if (phase != Phase.DONE) {
                moveTo(Phase.DONE);
                LOG.log(System.Logger.Level.DEBUG, () -> "TLS handshake done with " + peer + ": "
                        + engine.getSession().getProtocol() + " " + engine.getSession().getCipherSuite());
            }
        } else if (phase == Phase.DONE && hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.NEED_TASK && isTls12()) {
            throw new SSLException("TLS renegotiation refused");
        }
    }

    private boolean isTls12() {
        return "TLSv1.2".equals(engine.getSession().getProtocol());
    }

    /** The engine failed (in a task): its next wrap throws why, and the one after gives the alert. */
    private boolean engineFailed() {
        return engine.isInboundDone();
    }

    /** Reaper: whether the handshake is still not done {@code timeoutMillis} after the accept. */
    boolean expired(long now) {
        return phase != Phase.DONE && now - startedAt > timeoutMillis;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    @Override
    public String toString() {
        return phase.name().toLowerCase(java.util.Locale.ROOT);
    }
}
