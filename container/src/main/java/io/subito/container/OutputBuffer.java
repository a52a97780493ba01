package io.subito.container;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes waiting to leave on one connection: the encoded responses of a batch, written in one
 * gathering write at the end of the batch. A connection's buffer borrows its array from its
 * loop's pool for the length of a batch ({@link #attach}, {@link #detach}): the loop's connections
 * then take turns with the same few arrays, which stay in the CPU's cache, instead of each
 * writing into its own array that another 255 connections have pushed out of it meanwhile.
 */
final class OutputBuffer {
    private static final java.lang.invoke.VarHandle SEALED;

    static {
        try {
            SEALED = java.lang.invoke.MethodHandles.lookup().findVarHandle(OutputBuffer.class, "sealed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private byte[] bytes;
    private int start;
    private int len;
    /** How far the bytes have been shifted towards index 0 over the buffer's life: {@link #end()} = moved + len. */
    private long moved;
    /** The end of the bytes published for another thread to send ({@link #writeSealed}); see Connection.lendOutput. */
    @SuppressWarnings("unused") // accessed through SEALED
    private int sealed;
    /** Set while the buffer is lent: runs before bytes would move (compaction, growth). */
    private Runnable beforeMove;
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private ByteBuffer view;
    /** The pool's buffer whose array this is, while attached; null when the array is private. */
    private ByteBuffer borrowed;
    private static final byte[] NONE = new byte[0];
    /** A buffer that grows past its borrowed array or is written while detached allocates at least this. */
    private static final int PRIVATE_CAPACITY = 4096;

    private final ByteBuffer noneView = ByteBuffer.wrap(NONE);

    /** A buffer with its own array. */
    OutputBuffer(int capacity) {
        bytes = new byte[capacity];
        view = ByteBuffer.wrap(bytes);
    }

    /** A buffer without an array until one is attached (or the first write allocates one). */
    OutputBuffer() {
        bytes = NONE;
        view = noneView;
    }

    /** Takes {@code pooled}'s array if this buffer has none; returns whether it did (else keep it). */
    boolean attach(ByteBuffer pooled) {
        if (bytes != NONE) {
            return false;
        }
        borrowed = pooled;
        bytes = pooled.array();
        view = pooled.clear();
        return true;
    }

    /** Whether an array must be attached before the next batch. */
    boolean detached() {
        return bytes == NONE;
    }

    /**
     * Lets go of the array when nothing is pending and nobody else may send from it, so an idle
     * connection holds none. Returns the pool's buffer to give back, or null (a private array is
     * left to the garbage collector; a buffer with bytes pending is kept).
     */
    ByteBuffer detach() {
        if (bytes == NONE || start != len || beforeMove != null) {
            return null;
        }
        ByteBuffer b = borrowed;
        borrowed = null;
        moved += len;
        start = 0;
        len = 0;
        bytes = NONE;
        view = noneView;
        return b;
    }

    int size() {
        return len - start;
    }

    boolean isEmpty() {
        return len == start;
    }

    void clear() {
        moved += len;
        start = 0;
        len = 0;
    }

    /**
     * A position that only grows as bytes are appended, whatever is sent or compacted meanwhile:
     * the difference of two is what was appended between them. (Not {@link #size()}, which
     * another thread's early write may change while this buffer is lent.)
     */
    long end() {
        return moved + len;
    }

    void put(byte b) {
        ensure(1);
        bytes[len++] = b;
    }

    void put(byte[] src) {
        put(src, 0, src.length);
    }

    void put(byte[] src, int off, int n) {
        ensure(n);
        System.arraycopy(src, off, bytes, len, n);
        len += n;
    }

    /**
     * Latin-1 text; CR, LF and other control characters become spaces so that no application
     * value can split a header (response splitting), and characters past Latin-1 become '?'.
     */
    void putText(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = bytes;
        int at = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                c = ' ';
            } else if (c > 0xFF) {
                c = '?';
            }
            b[at++] = (byte) c;
        }
        len = at;
    }

    private static final byte[][] SMALL_NUMBERS = new byte[1000][];

    static {
        for (int i = 0; i < SMALL_NUMBERS.length; i++) {
            SMALL_NUMBERS[i] = Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** A non-negative number in decimal; the common small lengths come from a table, without division. */
    void putDecimal(long v) {
        if (v < SMALL_NUMBERS.length) {
            put(SMALL_NUMBERS[(int) v]);
            return;
        }
        ensure(20);
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        int at = len + digits;
        for (long t = v; t > 0; t /= 10) {
            bytes[--at] = (byte) ('0' + t % 10);
        }
        len += digits;
    }

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    /** A chunk size: lower-case hex without leading zeros. */
    void putHex(int v) {
        int digits = Math.max(1, (32 - Integer.numberOfLeadingZeros(v) + 3) >> 2);
        ensure(digits);
        for (int i = digits - 1, t = v; i >= 0; i--, t >>>= 4) {
            bytes[len + i] = HEX[t & 0xF];
        }
        len += digits;
    }

    void putCrlf() {
        ensure(2);
        bytes[len++] = '\r';
        bytes[len++] = '\n';
    }

    // ------------------------------------------------ lending (one writer appends, another thread sends)

    /**
     * Makes the bytes appended so far visible to the thread that may send them, and has
     * {@code beforeMove} run before any of them would move. A release store: no fence.
     */
    void lend(Runnable beforeMove) {
        this.beforeMove = beforeMove;
        SEALED.setRelease(this, len);
    }

    /** Publishes the bytes appended since {@link #lend} (a completed response). */
    void publish() {
        SEALED.setRelease(this, len);
    }

    void endLend() {
        beforeMove = null;
        if (start == len) {
            moved += len;
            start = 0;
            len = 0;
        }
    }

    /**
     * The borrowing thread's write: what was published and not yet sent, without waiting. Only
     * {@code start} moves; the owner may append beyond the published end meanwhile.
     */
    void writeSealed(Transport transport) throws java.io.IOException {
        int end = (int) SEALED.getAcquire(this);
        if (end <= start) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, start, end - start);
        transport.write(b);
        start = b.position();
    }

    /** Copies the last {@code n} pending bytes into {@code dst}. */
    void copyLast(int n, byte[] dst) {
        System.arraycopy(bytes, len - n, dst, 0, n);
    }

    byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, start, len);
    }

    /** The pending bytes, then {@code extra} if not null, as the array of one gathering write. */
    ByteBuffer[] gather(ByteBuffer extra) {
        view.limit(len).position(start);
        gather[0] = view;
        gather[1] = extra;
        return gather;
    }

    /** Records how much of the pending bytes the last write took. */
    void consumed() {
        start = view.position();
        if (start == len) {
            moved += len;
            start = 0;
            len = 0;
        }
    }

    private void ensure(int n) {
        if (len + n > bytes.length) {
            Runnable hook = beforeMove;
            if (hook != null) {
                hook.run(); // takes the buffer back: nobody else may be reading the bytes about to move
            }
            if (start > 0) {
                System.arraycopy(bytes, start, bytes, 0, len - start);
                moved += start;
                len -= start;
                start = 0;
            }
            if (len + n > bytes.length) {
                // the pool's array is left behind (the pool makes another when it runs short)
                borrowed = null;
                bytes = Arrays.copyOf(bytes, Math.max(Math.max(bytes.length * 2, len + n), PRIVATE_CAPACITY));
                view = ByteBuffer.wrap(bytes);
            }
        }
    }
}
