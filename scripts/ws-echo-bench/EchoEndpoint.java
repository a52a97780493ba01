import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/** The same echo endpoint on every server of scripts/ws-echo-bench.sh (Subito's is BenchServlets.WsEcho). */
@ServerEndpoint("/ws/echo")
public class EchoEndpoint {
    @OnMessage
    public String text(String message) {
        return message;
    }

    @OnMessage
    public ByteBuffer binary(ByteBuffer message) {
        return message;
    }
}
