package io.subito.container.guard;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Keeps the server's own long-lived threads (selector loops, acceptor, workers, access-log writer,
 * deployment watcher, session sweeper) alive through anything the work they run throws. A thread
 * that dies takes its job with it, silently: a scheduled executor cancels a periodic task that
 * threw, for good, and a plain thread ends with a line on stderr at best. So every such unit of
 * work runs through here: whatever it throws, {@code Error}s included, is logged naming the work,
 * and the thread goes on with its next unit.
 *
 * <p>A {@link VirtualMachineError} (out of memory, stack overflow) is logged at SEVERE once per
 * kind of work, with its stack trace; repeats are counted and summed up in one line at most once a
 * minute ({@link RepeatedErrors}), since when memory runs out every request may throw the same.
 * Reporting never throws, even when logging itself runs out of memory.
 */
public final class Guard {
    private static final System.Logger LOG = System.getLogger(Guard.class.getName());
    private static final RepeatedErrors VM_ERRORS = new RepeatedErrors(LOG, 60_000);
    private static final Thread.UncaughtExceptionHandler UNCAUGHT =
            (thread, t) -> report(thread.getName(), "uncaught; the thread ended", t);

    private Guard() {
    }

    /**
     * Runs {@code work}; what it throws is reported ({@link #report}) and not passed on.
     *
     * @param what names the work for the log, e.g. "the access-log writer"; a fixed text
     * @return true if the work ended normally
     */
    public static boolean run(String what, Runnable work) {
        try {
            work.run();
            return true;
        } catch (Throwable t) {
            report(what, null, t);
            return false;
        }
    }

    /** As {@link #run(String, Runnable)} with an argument, so a hot caller can pass a constant function and allocate nothing. */
    public static <T> boolean run(String what, Consumer<? super T> work, T argument) {
        try {
            work.accept(argument);
            return true;
        } catch (Throwable t) {
            report(what, null, t);
            return false;
        }
    }

    /**
     * {@code work} as a task that never throws: for periodic executor tasks, which a single throw
     * would cancel for good.
     */
    public static Runnable task(String what, Runnable work) {
        return () -> run(what, work);
    }

    /** Reports a failure of the server's own work. */
    public static void report(String what, Throwable t) {
        report(what, null, t);
    }

    /**
     * Reports a failure: logged at SEVERE with its stack trace, except that a
     * {@link VirtualMachineError} is logged once per {@code what} and kind, and its repeats are
     * counted. Never throws.
     *
     * @param what the kind of work, a fixed text (repeats of a VirtualMachineError are counted per what)
     * @param detail what this occurrence was about (a request, a file), or null
     */
    public static void report(String what, String detail, Throwable t) {
        try {
            if (t instanceof VirtualMachineError) {
                VM_ERRORS.report(what, detail, t);
            } else {
                LOG.log(System.Logger.Level.ERROR, what + (detail == null ? "" : " (" + detail + ")") + " failed: " + t, t);
            }
        } catch (Throwable whileLogging) {
            // out of memory again, most likely: nothing more can be done, and the caller must go on
        }
    }

    /** Reports what ends a thread: for threads and pools whose work is not already guarded. */
    public static Thread.UncaughtExceptionHandler uncaughtHandler() {
        return UNCAUGHT;
    }

    /** Threads named {@code name-1}, {@code name-2} ..., whose uncaught throwables are reported. */
    public static ThreadFactory threads(String name, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            t.setUncaughtExceptionHandler(UNCAUGHT);
            return t;
        };
    }
}
