package io.subito.servlet.upgrade;

import io.subito.container.UpgradedConnection;
import io.subito.servlet.nio.ListenerChecks;
import io.subito.servlet.nio.ListenerRunner;
import io.subito.servlet.nio.ReadListenerDriver;
import io.subito.servlet.nio.SocketReadiness;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/** The raw input of an upgraded connection: blocking, or selector-driven once a listener is set. */
final class UpgradeInput extends ServletInputStream {
    private final UpgradedConnection raw;
    private final ListenerRunner runner;
    private ReadListenerDriver listener;
    private volatile boolean finished;

    UpgradeInput(UpgradedConnection raw, ListenerRunner runner) {
        this.raw = raw;
        this.runner = runner;
    }

    @Override
    public int read() throws IOException {
        int b = raw.input().read();
        finished |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = raw.input().read(b, off, len);
        finished |= n < 0;
        return n;
    }

    @Override
    public int available() throws IOException {
        return raw.input().available();
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public boolean isReady() {
        return listener == null || listener.isReady();
    }

    @Override
    public void setReadListener(ReadListener l) {
        ListenerChecks.requireFirst(l, listener, "ReadListener");
        listener = new ReadListenerDriver(l, this, SocketReadiness.upgradedInput(raw), runner);
        listener.start();
    }
}
