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
        ServerConfig config = peerTls(new ServerConfig().port(Integer.parseInt(args[args.length - 1]))
                .mode(ExecutionMode.valueOf(System.getProperty("subito.execution", "INLINE").toUpperCase())));
        HttpServer server = new HttpServer(config, new PlaintextHandler());
        server.start();
        System.out.println("subito engine listening on 127.0.0.1:" + (server.httpsPort() >= 0 ? server.httpsPort() + " (HTTPS)" : server.port())
                + " (" + server.mode() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }

    /**
     * peer-bench's TLS scenarios: with {@code PEER_TLS=1} the port given serves HTTPS with the
     * certificate in {@code PEER_CERT} and {@code PEER_KEY} (PEM), and plain HTTP moves to a free port.
     */
    static ServerConfig peerTls(ServerConfig config) {
        if (!"1".equals(System.getenv("PEER_TLS"))) {
            return config;
        }
        int port = config.port();
        return config.port(0).httpsPort(port).tls(io.subito.container.tls.TlsSettings.pem(
                java.nio.file.Path.of(System.getenv("PEER_CERT")), java.nio.file.Path.of(System.getenv("PEER_KEY"))));
    }
}
