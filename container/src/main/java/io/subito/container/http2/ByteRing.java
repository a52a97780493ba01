package io.subito.container.http2;

import java.util.concurrent.locks.LockSupport;

/**
 * Bytes between exactly two threads, one writing and one reading, without a lock: a stream's
 * request body (the connection's loop writes what DATA frames carry, the handler's thread reads)
 * or its response body (the handler writes, the loop frames it as DATA). The positions only grow
 * and each is stored by one thread with release semantics. The array is taken by the first write
 * (from the loop's pool, through the session) and dropped by {@link #release} or given back by
 * {@link #giveBack}, so a stream that sends no body holds none.
 *
 * <p>A reader or writer that must wait parks in {@link #await}; the other side calls
 * {@link #wake} after moving its position.
 */
public final class ByteRing {
    private static final java.lang.invoke.VarHandle WRITTEN;
    private static final java.lang.invoke.VarHandle READ;

    static {
        try {
            var l = java.lang.invoke.MethodHandles.lookup();
            WRITTEN = l.findVarHandle(ByteRing.class, "written", long.class);
            READ = l.findVarHandle(ByteRing.class, "read", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private volatile byte[] buf;
    @SuppressWarnings("unused") private long written;
    @SuppressWarnings("unused") private long read;
    private volatile Thread waiter;

    /** Where the array comes from and goes back to; null: made and dropped. */
    private SessionIo lender;

    public ByteRing(int capacity) {
        this(capacity, null);
    }

    ByteRing(int capacity, SessionIo lender) {
        this.capacity = capacity;
        this.lender = lender;
    }

    public int capacity() {
        return capacity;
    }

    /** Bytes written and not yet read. */
    public int available() {
        return (int) ((long) WRITTEN.getVolatile(this) - (long) READ.getVolatile(this));
    }

    public int free() {
        return capacity - available();
    }

    /** Writer side: copies what fits of {@code src[off, off + len)}; the bytes copied. */
    public int write(byte[] src, int off, int len) {
        long w = (long) WRITTEN.get(this);
        long r = (long) READ.getAcquire(this);
        int unread = (int) (w - r);
        int n = Math.min(len, capacity - unread);
        if (n <= 0) {
            return 0;
        }
        byte[] b = buf;
        if (b == null || b.length - unread < n) {
            b = grow(b, w, r, unread + n);
        }
        int size = b.length;
        int at = (int) (w % size);
        int first = Math.min(n, size - at);
        System.arraycopy(src, off, b, at, first);
        System.arraycopy(src, off + first, b, 0, n - first);
        WRITTEN.setVolatile(this, w + n); // volatile: the wake that follows must not read the waiter before this store
        return n;
    }

    /**
     * Writer side: an array for {@code needed} bytes, the unread ones of {@code old} copied to the
     * same positions. A ring starts small ({@link #arraySize}) and doubles up to its capacity, so
     * a short response holds a short array. The reader meanwhile reads the old array or the new
     * one (it loads the array after the written position that covers what it reads); both hold
     * the unread bytes. An old array with nothing unread is no longer read and goes back to the
     * lender; one with unread bytes may still be being read and is left to the collector.
     */
    private byte[] grow(byte[] old, long w, long r, int needed) {
        int size = arraySize(needed, capacity);
        byte[] b = lender == null ? new byte[size] : lender.ringArray(size);
        if (old != null) {
            for (long p = r; p < w; p++) {
                b[(int) (p % size)] = old[(int) (p % old.length)];
            }
        }
        buf = b;
        if (old != null && w == r && lender != null) {
            lender.ringArrayBack(old);
        }
        return b;
    }

    /** The smallest array a ring takes: most response bodies fit. */
    public static final int FIRST_ARRAY = 1024;

    /** The array size for {@code needed} bytes in a ring of {@code capacity}: a power of two from {@link #FIRST_ARRAY}, at most the capacity. */
    public static int arraySize(int needed, int capacity) {
        int want = Math.max(needed, FIRST_ARRAY);
        int pow = want <= 1 ? 1 : Integer.highestOneBit(want - 1) << 1;
        return pow <= 0 || pow >= capacity ? capacity : pow;
    }

    /** Reader side: copies up to {@code len} available bytes into {@code dst}; the bytes copied. */
    public int read(byte[] dst, int off, int len) {
        long r = (long) READ.get(this);
        int n = Math.min(len, (int) ((long) WRITTEN.getAcquire(this) - r));
        if (n <= 0) {
            return 0;
        }
        byte[] b = buf;
        int size = b.length;
        int at = (int) (r % size);
        int first = Math.min(n, size - at);
        System.arraycopy(b, at, dst, off, first);
        System.arraycopy(b, 0, dst, off + first, n - first);
        READ.setVolatile(this, r + n);
        return n;
    }

    /** Parks the calling thread until {@link #wake}, at most {@code nanos}; the caller checks its condition again. */
    public void await(long nanos) {
        waiter = Thread.currentThread();
        LockSupport.parkNanos(this, nanos);
        waiter = null;
    }

    /** Registers the caller as the thread to wake before it checks its condition a last time. */
    public void prepareWait() {
        waiter = Thread.currentThread();
    }

    public void wake() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Drops the array (its bytes are read or no longer wanted), leaving it to the collector: the
     * other thread may still be inside a write or read of it.
     */
    public void release() {
        buf = null;
        READ.setRelease(this, (long) WRITTEN.get(this));
    }

    /** Loop side, for a stream object reused (or retired): empty, no array, the new stream's lender. */
    void reset(SessionIo newLender) {
        buf = null;
        WRITTEN.setVolatile(this, 0L);
        READ.setVolatile(this, 0L);
        waiter = null;
        lender = newLender;
    }

    /** Loop side, once neither thread can touch the ring again (its stream is done): the array goes back to be reused. */
    void giveBack() {
        byte[] b = buf;
        release();
        if (b != null && lender != null) {
            lender.ringArrayBack(b);
        }
    }

    @Override
    public String toString() {
        return available() + " of " + capacity + " bytes";
    }
}
