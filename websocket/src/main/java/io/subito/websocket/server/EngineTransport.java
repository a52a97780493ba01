package io.subito.websocket.server;

import io.subito.container.UpgradedConnection;
import io.subito.websocket.session.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The engine's upgraded connection (in direct mode) as a WebSocket connection's transport: plain TCP or TLS. */
final class EngineTransport implements Transport {
    private final UpgradedConnection raw;

    EngineTransport(UpgradedConnection raw) {
        this.raw = raw;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return raw.read(dst);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return raw.write(srcs, offset, length);
    }

    @Override
    public boolean hasPendingOutput() {
        return raw.hasPendingOutput();
    }

    @Override
    public void whenReadable(Runnable r) {
        raw.whenReadable(r);
    }

    @Override
    public void whenWritable(Runnable r) {
        raw.whenWritable(r);
    }

    @Override
    public void onClose(Runnable r) {
        raw.onClose(r);
    }

    @Override
    public void onServerStop(Runnable r) {
        raw.onServerStop(r);
    }

    @Override
    public boolean isOpen() {
        return raw.isOpen();
    }

    @Override
    public void close() {
        raw.close();
    }
}
