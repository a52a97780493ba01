package io.subito.servlet.upgrade;

import io.subito.container.UpgradedConnection;
import io.subito.servlet.nio.ListenerChecks;
import io.subito.servlet.nio.ListenerRunner;
import io.subito.servlet.nio.SocketReadiness;
import io.subito.servlet.nio.WriteListenerDriver;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/** The raw output of an upgraded connection; closing it closes the connection. */
final class UpgradeOutput extends ServletOutputStream {
    private final UpgradedConnection raw;
    private final ListenerRunner runner;
    private final UpgradedWebConnection owner;
    private WriteListenerDriver listener;

    UpgradeOutput(UpgradedConnection raw, ListenerRunner runner, UpgradedWebConnection owner) {
        this.raw = raw;
        this.runner = runner;
        this.owner = owner;
    }

    @Override
    public void write(int b) throws IOException {
        checkWritable();
        raw.output().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkWritable();
        raw.output().write(b, off, len);
    }

    private void checkWritable() {
        if (listener != null) {
            listener.checkWritable();
        }
    }

    @Override
    public void flush() throws IOException {
        raw.output().flush();
    }

    @Override
    public void close() {
        owner.close();
    }

    @Override
    public boolean isReady() {
        return listener == null || listener.isReady();
    }

    @Override
    public void setWriteListener(WriteListener l) {
        ListenerChecks.requireFirst(l, listener, "WriteListener");
        listener = new WriteListenerDriver(l, SocketReadiness.upgradedOutput(raw), runner);
        listener.start();
    }
}
