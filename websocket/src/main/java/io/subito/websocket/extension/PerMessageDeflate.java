package io.subito.websocket.extension;

import io.subito.websocket.frame.CloseCode;
import io.subito.websocket.frame.WsProtocolException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692) for one connection, on the JDK's {@code Deflater}/{@code Inflater}
 * (raw deflate, 15-bit window). Outgoing messages are compressed without context takeover, each
 * with a deflater borrowed from a shared pool for that message. Incoming messages are inflated
 * with the connection's own inflater when the client keeps its context, else with a borrowed one;
 * inflating stops as soon as the message passes its limit (a deflate bomb gets 1009, having cost
 * at most the limit).
 */
public final class PerMessageDeflate {
    /** The four bytes a sync flush ends with, which the sender removes (section 7.2.1). */
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final int POOLED_MAX = 64;
    private static final ConcurrentLinkedQueue<Deflater> DEFLATERS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<Inflater> INFLATERS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED_DEFLATERS = new AtomicInteger();
    private static final AtomicInteger POOLED_INFLATERS = new AtomicInteger();

    private final DeflateParams params;
    /** The connection's own inflater when the client keeps its compression context between messages. */
    private Inflater ownInflater;
    /** The inflater of the message being read. */
    private Inflater inflater;

    public PerMessageDeflate(DeflateParams params) {
        this.params = params;
    }

    public DeflateParams params() {
        return params;
    }

    // ---------------------------------------------------------------- incoming

    /** Receives the decompressed bytes of a message, piece by piece. */
    public interface Output {
        void bytes(byte[] b, int off, int len) throws WsProtocolException;
    }

    /**
     * Inflates a piece of a compressed message into {@code out}; at the message's last piece
     * ({@code last}) adds the removed tail. {@code room} is how many more bytes the message may
     * grow by: past it, 1009 without inflating further.
     */
    public void inflate(ByteBuffer piece, boolean last, byte[] scratch, long room, Output out) throws WsProtocolException {
        if (inflater == null) {
            inflater = params.clientNoContextTakeover() ? borrowInflater() : ownInflater();
        }
        long left = inflateInto(piece, scratch, room, out);
        if (last) {
            inflateInto(ByteBuffer.wrap(TAIL), scratch, left, out);
            if (params.clientNoContextTakeover()) {
                inflater.reset();
                giveBack(inflater);
            }
            inflater = null;
        }
    }

    private long inflateInto(ByteBuffer piece, byte[] scratch, long room, Output out) throws WsProtocolException {
        inflater.setInput(piece);
        try {
            while (true) {
                int n = inflater.inflate(scratch);
                if (n > 0) {
                    room -= n;
                    if (room < 0) {
                        throw new WsProtocolException(CloseCode.TOO_BIG, "message larger than the limit once decompressed");
                    }
                    out.bytes(scratch, 0, n);
                } else if (inflater.needsInput() || inflater.finished() || inflater.needsDictionary()) {
                    return room;
                }
            }
        } catch (DataFormatException e) {
            throw new WsProtocolException(CloseCode.INVALID_PAYLOAD, "invalid compressed data: " + e.getMessage());
        }
    }

    private Inflater ownInflater() {
        if (ownInflater == null) {
            ownInflater = new Inflater(true);
        }
        return ownInflater;
    }

    // ---------------------------------------------------------------- outgoing

    /** The compressed form of a whole message (the sync flush's tail removed), without context takeover. */
    public static byte[] deflate(ByteBuffer message) {
        Deflater d = DEFLATERS.poll();
        if (d == null) {
            d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        } else {
            POOLED_DEFLATERS.decrementAndGet();
        }
        try {
            d.setInput(message);
            byte[] out = new byte[Math.max(64, message.remaining() / 2 + 16)];
            int len = 0;
            while (true) {
                if (len == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                int n = d.deflate(out, len, out.length - len, Deflater.SYNC_FLUSH);
                len += n;
                if (len < out.length && d.needsInput()) {
                    break;
                }
            }
            if (len >= 4 && out[len - 4] == 0 && out[len - 3] == 0 && out[len - 2] == (byte) 0xFF && out[len - 1] == (byte) 0xFF) {
                len -= 4;
            }
            if (len == 0) {
                return new byte[] {0}; // an empty message compresses to one empty block (section 7.2.3.6)
            }
            return java.util.Arrays.copyOf(out, len);
        } finally {
            d.reset();
            if (POOLED_DEFLATERS.incrementAndGet() <= POOLED_MAX) {
                DEFLATERS.offer(d);
            } else {
                POOLED_DEFLATERS.decrementAndGet();
                d.end();
            }
        }
    }

    // ---------------------------------------------------------------- pool

    private static Inflater borrowInflater() {
        Inflater i = INFLATERS.poll();
        if (i == null) {
            return new Inflater(true);
        }
        POOLED_INFLATERS.decrementAndGet();
        return i;
    }

    private static void giveBack(Inflater i) {
        if (POOLED_INFLATERS.incrementAndGet() <= POOLED_MAX) {
            INFLATERS.offer(i);
        } else {
            POOLED_INFLATERS.decrementAndGet();
            i.end();
        }
    }

    /** At close: the connection's own inflater's native memory is freed now, not at collection. */
    public void end() {
        if (inflater != null && inflater != ownInflater) {
            inflater.end();
        }
        inflater = null;
        if (ownInflater != null) {
            ownInflater.end();
            ownInflater = null;
        }
    }

    @Override
    public String toString() {
        return params.responseHeader() + (inflater != null ? " inflating" : "");
    }
}
