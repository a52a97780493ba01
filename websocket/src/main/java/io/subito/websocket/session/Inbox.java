package io.subito.websocket.session;

/**
 * What the reading thread (the server's selector loop) found in a connection's frames, waiting to
 * be delivered on a worker: whole messages or parts, pings, pongs, the client's close, a protocol
 * error, the end of the stream. The reader adds items and, once per batch, hands the inbox to the
 * workers ({@link Deliveries}); a worker delivers them in order, one at a time, and at most one
 * worker at a time does, as Jakarta WebSocket requires of a session's messages.
 *
 * <p>The ring of items is made on the first message and grows only while items wait; each item
 * is its payload and one int (kind, last part, close code): nothing is allocated per message
 * beyond the message itself. Its weight (payload bytes, and {@link #ITEM_OVERHEAD} per item, so
 * a flood of empty pings counts too) tells the reader when to stop reading.
 */
final class Inbox {
    /** What an item is. */
    enum Kind {
        TEXT, BINARY, PING, PONG, CLOSE, REFUSE, END;

        private static final Kind[] ALL = values();

        /** Whether nothing after it is delivered: the client's close, a protocol error, the end of the stream. */
        boolean last() {
            return this == CLOSE || this == REFUSE || this == END;
        }
    }

    /** Who delivers: called on the worker, in order. */
    interface Delivery {
        void deliver(Kind kind, Object payload, boolean last, int code);
    }

    /** Counted for each item besides its payload bytes. */
    static final int ITEM_OVERHEAD = 64;
    /** Items one worker run delivers before it lets another connection's work go first. */
    private static final int ITEMS_PER_RUN = 64;
    private static final int FIRST_CAPACITY = 8;

    private final Delivery delivery;
    private final long maxWeight;
    private final Runnable onRoom;
    private final Runnable runner = this::run;
    /** Guarded by this: the ring, its weight, whether a worker has the inbox, whether it has ended. */
    private Object[] payloads;
    private int[] metas;
    private int head;
    private int count;
    private long weight;
    private boolean delivering;
    private boolean ended;

    /**
     * @param maxWeight past this weight the reader should stop reading ({@link #full()})
     * @param onRoom runs on the worker each time it took items out: the reader may resume
     */
    Inbox(Delivery delivery, long maxWeight, Runnable onRoom) {
        this.delivery = delivery;
        this.maxWeight = maxWeight;
        this.onRoom = onRoom;
    }

    /** Reader side: queues an item; nothing is queued after a last one ({@link Kind#last()}). */
    synchronized void add(Kind kind, Object payload, boolean last, int code) {
        if (ended) {
            return;
        }
        ended = kind.last();
        if (payloads == null) {
            payloads = new Object[FIRST_CAPACITY];
            metas = new int[FIRST_CAPACITY];
        } else if (count == payloads.length) {
            grow();
        }
        int i = (head + count) & (payloads.length - 1);
        payloads[i] = payload;
        metas[i] = kind.ordinal() | (last ? 0x10 : 0) | (code << 8);
        count++;
        weight += ITEM_OVERHEAD + weightOf(payload);
    }

    private static long weightOf(Object payload) {
        if (payload instanceof String s) {
            return s.length();
        }
        return payload instanceof java.nio.ByteBuffer b ? b.remaining() : 0;
    }

    private void grow() {
        int n = payloads.length;
        Object[] p = new Object[n * 2];
        int[] m = new int[n * 2];
        for (int k = 0; k < count; k++) {
            p[k] = payloads[(head + k) & (n - 1)];
            m[k] = metas[(head + k) & (n - 1)];
        }
        payloads = p;
        metas = m;
        head = 0;
    }

    /** Reader side, after a batch: hands the inbox to a worker unless one has it or it is empty. */
    void handOff() {
        synchronized (this) {
            if (delivering || count == 0) {
                return;
            }
            delivering = true;
        }
        Deliveries.submit(runner);
    }

    /** Whether the reader should stop reading until the worker has made room. */
    synchronized boolean full() {
        return weight > maxWeight;
    }

    /** Whether a last item was queued: the reader reads no more. */
    synchronized boolean ended() {
        return ended;
    }

    /** Worker side: delivers items in order; yields the worker after {@link #ITEMS_PER_RUN}. */
    private void run() {
        for (int done = 0; done < ITEMS_PER_RUN; done++) {
            Object payload;
            int meta;
            synchronized (this) {
                if (count == 0) {
                    delivering = false;
                    break;
                }
                payload = payloads[head];
                meta = metas[head];
                payloads[head] = null;
                head = (head + 1) & (payloads.length - 1);
                count--;
                weight -= ITEM_OVERHEAD + weightOf(payload);
            }
            delivery.deliver(Kind.ALL[meta & 0x0F], payload, (meta & 0x10) != 0, meta >>> 8);
            onRoom.run();
            if (done == ITEMS_PER_RUN - 1) {
                Deliveries.submit(runner); // still 'delivering': the next run continues, behind the other inboxes
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "inbox " + count + " items, " + weight + " weight" + (delivering ? " delivering" : "") + (ended ? " ended" : "");
    }
}
