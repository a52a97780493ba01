package io.subito.servlet.async;

/**
 * Where a request is in its async life (Servlet 6.1 section 2.3.3.3). {@link AsyncState}
 * changes it, in one method, under its lock.
 *
 * <pre>
 *                 startAsync              dispatch returns
 *   DISPATCHED ──────────────▶ STARTED ─────────────────────▶ WAITING ── timeout ──▶ TIMING_OUT
 *     │  ▲  │                    │  │                            │  │                  │ │ │
 *     │  │  │ complete()         │  │ complete()     complete() │  │ dispatch()       │ │ └ nobody answered:
 *     │  │  ▼                    │  ▼                            │  │ (runs at once)   │ │   error page ─▶ COMPLETE_AT_RETURN
 *     │  │ COMPLETE_AT_RETURN    │ COMPLETE_ASKED ◀──────────────┼──┼── complete() ────┘ │
 *     │  │                       ▼                               │  │                    │
 *     │  │ dispatch returns   DISPATCH_ASKED ◀──── dispatch() ───┼──┼────────────────────┘
 *     │  └──────────────────────┘ (the asked dispatch runs)      │  │
 *     │  └───────────────────────────────────────────────────────┼──┘
 *     │ dispatch returns without startAsync                      │
 *     ▼   (or COMPLETE_* returns)                                ▼
 *   COMPLETING ◀──────────────────────────────────────────────────
 *     │ onComplete listeners, the request's end
 *     ▼
 *   COMPLETED
 * </pre>
 */
enum AsyncStage {
    /** A container dispatch runs and has not started async: startAsync is allowed. */
    DISPATCHED(false),
    /** startAsync was called in the running dispatch. */
    STARTED(true),
    /** dispatch() was called while a container dispatch runs: it runs when that returns. */
    DISPATCH_ASKED(true),
    /** complete() was called after startAsync while a container dispatch runs. */
    COMPLETE_ASKED(true),
    /** The request completes when the running dispatch returns (complete() without startAsync, an unanswered timeout). */
    COMPLETE_AT_RETURN(false),
    /** No container dispatch runs; the request waits for dispatch(), complete() or its timeout. */
    WAITING(true),
    /** The timeout listeners run (as in a dispatch: what they ask for waits until they return). */
    TIMING_OUT(true),
    /** onComplete listeners and the request's end run. */
    COMPLETING(false),
    COMPLETED(false);

    /** What isAsyncStarted() answers: true from startAsync until the dispatch that completed or dispatched returns. */
    final boolean visiblyStarted;

    AsyncStage(boolean visiblyStarted) {
        this.visiblyStarted = visiblyStarted;
    }

    /** complete() or dispatch() may be called (async was started, nothing asked for yet). */
    boolean started() {
        return this == STARTED || this == WAITING || this == TIMING_OUT;
    }

    /** complete() was asked for, or the request is completing. */
    boolean ending() {
        return this == COMPLETE_ASKED || this == COMPLETE_AT_RETURN || this == COMPLETING || this == COMPLETED;
    }
}
