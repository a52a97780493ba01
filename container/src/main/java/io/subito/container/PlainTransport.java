package io.subito.container;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/** Cleartext TCP: a non-blocking socket channel registered with the connection's {@link SelectorLoop}. */
final class PlainTransport extends Transport {
    private final SocketChannel channel;
    private final SelectorLoop loop;
    private SelectionKey key;
    private InetSocketAddress remote;
    private InetSocketAddress local;

    PlainTransport(SocketChannel channel, SelectorLoop loop) {
        this.channel = channel;
        this.loop = loop;
    }

    /** Loop side, once: readiness of the channel goes to {@code connection}, starting with OP_READ. */
    void register(Selector selector, Connection connection) throws IOException {
        key = channel.register(selector, SelectionKey.OP_READ, connection);
    }

    @Override
    int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return channel.write(srcs, offset, length);
    }

    @Override
    int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    void awaitOnLoop(int op, long timeoutMillis) throws IOException {
        loop.awaitBlocking(channel, op, timeoutMillis);
    }

    @Override
    void interest(int ops) {
        key.interestOps(ops);
    }

    @Override
    boolean isRegistered() {
        return key != null && key.isValid();
    }

    @Override
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    void close() {
        if (key != null) {
            key.cancel();
            if (loop.isLoopThread() && channel.isOpen()) {
                // the descriptor closes once the selector has dropped the key: see closeAfterDeregistration
                loop.closeAfterDeregistration(channel);
                return;
            }
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do: the socket is gone either way
        }
    }

    @Override
    InetSocketAddress remoteAddress() {
        if (remote == null) {
            try {
                remote = (InetSocketAddress) channel.getRemoteAddress();
            } catch (IOException e) {
                return null;
            }
        }
        return remote;
    }

    @Override
    void proxiedAddresses(InetSocketAddress remote, InetSocketAddress local) {
        this.remote = remote;
        this.local = local;
    }

    @Override
    InetSocketAddress localAddress() {
        if (local == null) {
            try {
                local = (InetSocketAddress) channel.getLocalAddress();
            } catch (IOException e) {
                return null;
            }
        }
        return local;
    }
}
