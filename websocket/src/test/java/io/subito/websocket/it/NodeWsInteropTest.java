package io.subito.websocket.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Node's 'ws' client (installed by src/test/node/install-ws.sh into target/node) against the
 * server: echo with permessage-deflate as ws offers it, without, a ping, a fragmented message.
 * Skipped, saying so, only when node is not installed.
 */
class NodeWsInteropTest {
    private static final Path SCRIPTS = Path.of(System.getProperty("ws.scripts", "src/test/node"));
    private static final Path NODE_DIR = Path.of(System.getProperty("ws.nodeDir", "target/node"));

    private static boolean hasNode() {
        try {
            Process p = new ProcessBuilder("node", "-v").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed: " + out);
        return out;
    }

    @Test
    void nodesWsClientExchangesMessagesWithAndWithoutPermessageDeflate() throws Exception {
        assumeTrue(hasNode(), "node is not installed (apt-get install nodejs npm): the ws interoperability test is skipped");
        Files.createDirectories(NODE_DIR);
        run(NODE_DIR, "bash", SCRIPTS.resolve("install-ws.sh").toAbsolutePath().toString(), NODE_DIR.toAbsolutePath().toString());
        Files.copy(SCRIPTS.resolve("interop.js"), NODE_DIR.resolve("interop.js"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (WsTestServer server = WsTestServer.standard()) {
            String out = run(NODE_DIR, "node", "interop.js", "ws://127.0.0.1:" + server.port() + "/app").trim();
            assertTrue(out.contains("\"echo\":{\"got\":[\"text:hello from ws\",\"text:€ and more €\",\"binary:60000:true\"],\"close\":1000"), out);
            assertTrue(out.contains("\"extensionsHeader\":\"permessage-deflate; server_no_context_takeover"), out);
            assertTrue(out.contains("\"plain\":{\"got\":[\"text:plain\"],\"close\":1000"), out);
            assertTrue(out.contains("\"ping\":{\"got\":[\"pong:node-ping\"],\"close\":1000"), out);
            assertTrue(out.contains("\"fragments\":{\"got\":[\"text:part one, part two\"],\"close\":1000"), out);
        }
    }
}
