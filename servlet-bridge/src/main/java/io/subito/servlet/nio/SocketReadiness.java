package io.subito.servlet.nio;

import io.subito.container.HttpExchange;
import io.subito.container.UpgradedConnection;
import java.io.IOException;

/** The engine's readiness checks and callbacks, one {@link Readiness} per stream direction. */
public final class SocketReadiness {
    private SocketReadiness() {
    }

    public static Readiness requestBody(HttpExchange exchange) {
        return new Readiness() {
            @Override
            public boolean readyNow() throws IOException {
                return exchange.bodyReadyNow();
            }

            @Override
            public void whenReady(Runnable r) {
                exchange.whenReadable(r);
            }
        };
    }

    /** Also switches the response to writes that never wait. */
    public static Readiness response(HttpExchange exchange) {
        exchange.nonBlockingOutput();
        return new Readiness() {
            @Override
            public boolean readyNow() throws IOException {
                return exchange.outputReadyNow();
            }

            @Override
            public void whenReady(Runnable r) {
                exchange.whenWritable(r);
            }
        };
    }

    public static Readiness upgradedInput(UpgradedConnection c) {
        return new Readiness() {
            @Override
            public boolean readyNow() throws IOException {
                return c.inputReadyNow();
            }

            @Override
            public void whenReady(Runnable r) {
                c.whenReadable(r);
            }
        };
    }

    /** Also switches the connection to writes that never wait. */
    public static Readiness upgradedOutput(UpgradedConnection c) {
        c.nonBlockingOutput();
        return new Readiness() {
            @Override
            public boolean readyNow() throws IOException {
                return c.outputReadyNow();
            }

            @Override
            public void whenReady(Runnable r) {
                c.whenWritable(r);
            }
        };
    }
}
