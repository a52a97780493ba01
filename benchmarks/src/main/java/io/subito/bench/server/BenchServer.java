package io.subito.bench.server;

import io.subito.container.ExecutionMode;
import io.subito.container.HttpServer;
import io.subito.container.ServerConfig;

/**
 * {@code bin/bench-server.sh engine PORT}: the engine and its plaintext handler on 127.0.0.1,
 * executed inline on the loops (the handler never blocks).
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: BenchServer PORT");
            System.exit(2);
        }
        ServerConfig config = new ServerConfig().port(Integer.parseInt(args[args.length - 1]))
                .mode(ExecutionMode.valueOf(System.getProperty("subito.execution", "INLINE").toUpperCase()));
        HttpServer server = new HttpServer(config, new PlaintextHandler());
        server.start();
        System.out.println("subito engine listening on 127.0.0.1:" + server.port() + " (" + server.mode() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
}
