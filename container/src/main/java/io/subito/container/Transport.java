package io.subito.container;

import io.subito.container.proxy.ProxyHeader;
import io.subito.container.proxy.TrustedProxies;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * How a connection's bytes travel, under the protocol handler that gives them meaning
 * ({@link BatchRunner} for HTTP/1.1). {@link PlainTransport} is cleartext TCP; {@code LocalTransport}
 * keeps the bytes in memory for {@link LocalConnector}. A TLS transport slots in here: its
 * {@link #read} unwraps records into the caller's buffer (the connection's input window) and its
 * {@link #write} wraps the batch's gathered output into as few records as possible; everything
 * above sees plaintext. It will learn the protocol by ALPN during its handshake, before the first
 * byte is handed up, so the connection can pick the protocol handler then (see
 * {@link Connection} for the hand-over).
 *
 * <p>Calls come from the loop thread or from the thread running the connection's batch, never
 * from both at once: {@link ConnectionState} says whose turn it is. Nothing here waits except
 * {@link #awaitOnLoop}.
 */
abstract class Transport {
    /** Whether the peer is in trustedProxies: 0 not yet asked, 1 yes, -1 no. Asked once per connection. */
    private byte peerTrust;
    /** A PROXY protocol header said the client's connection to the proxy used TLS. */
    private boolean proxiedTls;
    /** {@link #remoteAddressText}, once asked. */
    private String remoteText;

    /** Reads what is there into {@code dst}, without waiting: the bytes read, 0 if none, -1 at the end of the stream. */
    abstract int read(ByteBuffer dst) throws IOException;

    /** Writes what the socket takes now, without waiting; the bytes written. */
    abstract long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** Writes what the socket takes now of one buffer, without waiting. */
    abstract int write(ByteBuffer src) throws IOException;

    /**
     * Only for a batch run inline: the loop thread itself waits until the connection is ready for
     * {@code op} ({@code SelectionKey.OP_READ} or {@code OP_WRITE}), at most {@code timeoutMillis}.
     */
    abstract void awaitOnLoop(int op, long timeoutMillis) throws IOException;

    /**
     * Loop side: the readiness the loop watches for ({@code SelectionKey} ops). 0 once bytes arrive
     * while a batch runs is the back-pressure on a pipelining client: it cannot send more than the
     * buffer holds.
     */
    abstract void interest(int ops);

    /** Whether the transport is still registered with its loop, so {@link #interest} may be called. */
    abstract boolean isRegistered();

    /** Half-close: no more bytes from us; the client still may send (and we read until its FIN). */
    abstract void shutdownOutput() throws IOException;

    /** Closes both directions now and leaves the loop; never fails. */
    abstract void close();

    abstract InetSocketAddress remoteAddress();

    /**
     * The peer's address as text, made once per connection: frameworks ask for it on every
     * request (Spring MVC's request-handled event), and formatting it each time makes a String.
     * Racing threads make equal Strings, so no lock.
     */
    String remoteAddressText() {
        String t = remoteText;
        if (t == null) {
            InetSocketAddress a = remoteAddress();
            if (a == null) {
                return null;
            }
            t = a.getAddress().getHostAddress();
            remoteText = t;
        }
        return t;
    }

    abstract InetSocketAddress localAddress();

    /** The connection above, once it exists (a TLS transport reports its buffered input to it). */
    void attach(Connection c) {
    }

    /** Whether the bytes travel encrypted (HTTPS). */
    boolean isSecure() {
        return false;
    }

    /** The protocol ALPN chose in the TLS handshake ("h2", "http/1.1"); null without TLS or without ALPN. */
    String applicationProtocol() {
        return null;
    }

    /** Input already taken from the socket but not yet read (TLS: unwrapped or received records); the selector does not see it. */
    boolean hasBufferedInput() {
        return false;
    }

    /** Output accepted by {@link #write} but not yet on the socket (TLS: wrapped records); a write is complete only without it. */
    boolean hasPendingOutput() {
        return false;
    }

    /**
     * Whether a connection whose client asked to close, and sent nothing more, closes at once
     * after its last response rather than half-closing and waiting for the client's end (TLS: the
     * close_notify sent before the close tells the client the stream is whole).
     */
    boolean closesAtOnce() {
        return false;
    }

    /** The next write is the connection's last: TLS puts close_notify behind its records, in the same socket write. */
    void endWithNextWrite() {
    }

    /** Reaper: whether the connection is still in a handshake that should have ended by {@code now} (TLS). */
    boolean handshakeTimedOut(long now) {
        return false;
    }

    /** Loop side: the socket is writable while the connection reads (TLS: handshake records to send). */
    void onWritableWhileReading() throws IOException {
        interest(0);
    }

    /** The addresses a PROXY protocol header names replace the socket's. */
    abstract void proxiedAddresses(InetSocketAddress remote, InetSocketAddress local);

    /**
     * The connection's PROXY protocol header was read: its source and destination (unless it
     * names none, as LOCAL and UNKNOWN headers do) become the addresses, so trust in forwarding
     * headers is then decided for the source; its TLS flag is kept.
     */
    final void useProxyHeader(ProxyHeader h) {
        if (h.source() != null) {
            proxiedAddresses(h.source(), h.destination());
            peerTrust = 0;
        }
        proxiedTls = h.clientTls();
    }

    /** Whether the peer (the PROXY protocol header's source, when there is one) is in {@code trusted}. */
    final boolean peerTrusted(TrustedProxies trusted) {
        if (peerTrust == 0) {
            InetSocketAddress a = remoteAddress();
            peerTrust = a != null && trusted.contains(a.getAddress()) ? (byte) 1 : (byte) -1;
        }
        return peerTrust > 0;
    }

    /** A PROXY protocol header said the client's connection to the proxy used TLS. */
    final boolean proxiedTls() {
        return proxiedTls;
    }
}
