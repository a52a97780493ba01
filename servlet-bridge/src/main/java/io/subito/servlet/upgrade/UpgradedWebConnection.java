package io.subito.servlet.upgrade;

import io.subito.container.UpgradedConnection;
import io.subito.servlet.lifecycle.AppScope;
import io.subito.servlet.nio.AppThreads;
import io.subito.servlet.lifecycle.Lifecycle;
import io.subito.servlet.nio.ListenerRunner;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link WebConnection} an {@link HttpUpgradeHandler} gets once the 101 response is out:
 * raw streams over the engine's {@link UpgradedConnection}, with selector-driven listeners.
 * The handler is destroyed once, when either side closes the connection.
 */
public final class UpgradedWebConnection implements WebConnection {
    private final UpgradedConnection raw;
    private final HttpUpgradeHandler handler;
    private final AppScope context;
    private final AtomicBoolean destroyed = new AtomicBoolean();
    private final UpgradeInput input;
    private final UpgradeOutput output;

    private UpgradedWebConnection(UpgradedConnection raw, HttpUpgradeHandler handler, AppScope context) {
        this.raw = raw;
        this.handler = handler;
        this.context = context;
        ListenerRunner runner = new ListenerRunner(context.classLoader(), () -> !destroyed.get(),
                e -> context.log("upgrade listener failed", e));
        this.input = new UpgradeInput(raw, runner);
        this.output = new UpgradeOutput(raw, runner, this);
    }

    /** Called by the engine with the connection it handed over: runs the handler's init. */
    public static void begin(UpgradedConnection raw, HttpUpgradeHandler handler, AppScope context) {
        UpgradedWebConnection c = new UpgradedWebConnection(raw, handler, context);
        raw.onClose(() -> AppThreads.run(context.classLoader(), c::destroy, e -> context.log("upgrade destroy failed", e)));
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(context.classLoader());
        try {
            handler.init(c);
        } finally {
            t.setContextClassLoader(old);
        }
    }

    @Override
    public ServletInputStream getInputStream() {
        return input;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return output;
    }

    @Override
    public void close() {
        destroy();
        raw.close();
    }

    private void destroy() {
        if (destroyed.compareAndSet(false, true)) {
            handler.destroy();
            Lifecycle.preDestroy(handler, t -> context.log("PreDestroy failed", t));
        }
    }
}
