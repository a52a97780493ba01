package io.subito.websocket.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployment checks of an annotated endpoint class, in memory. */
class EndpointModelTest {
    public static class TwoOpenOverloads {
        @OnOpen
        public void open(Session s) {
        }

        @OnOpen
        public void open(EndpointConfig c) {
        }
    }

    public static class TwoCloses {
        @OnClose
        public void a() {
        }

        @OnClose
        public void b(Session s) {
        }
    }

    public static class ReaderAndPartialString {
        @OnMessage
        public void whole(Reader r) {
        }

        @OnMessage
        public void part(String s, boolean last) {
        }
    }

    public static class BigDecimalMessage {
        @OnMessage
        public void m(BigDecimal d) {
        }
    }

    public static class BigDecimalDecoder implements Decoder.Binary<BigDecimal> {
        @Override
        public BigDecimal decode(ByteBuffer b) throws DecodeException {
            return BigDecimal.ONE;
        }

        @Override
        public boolean willDecode(ByteBuffer b) {
            return true;
        }
    }

    public static class TextBinaryPong {
        @OnMessage
        public void text(String s) {
        }

        @OnMessage
        public void decoded(BigDecimal d) {
        }

        @OnMessage
        public void pong(jakarta.websocket.PongMessage p) {
        }
    }

    /** A superclass's annotated method overridden with a covariant return: one method, its bridge is no second one. */
    public static class Base {
        @OnMessage
        public Object echo(String s) {
            return s;
        }
    }

    public static class Covariant extends Base {
        @Override
        @OnMessage
        public String echo(String s) {
            return s;
        }
    }

    @Test
    void twoOnOpenMethodsThatAreOverloadsOfOneNameAreRefused() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> EndpointModel.of(TwoOpenOverloads.class));
        assertTrue(e.getMessage().contains("two @OnOpen methods"), e.getMessage());
        assertThrows(DeploymentException.class, () -> EndpointModel.of(TwoCloses.class));
    }

    @Test
    void aReaderAndAPartialStringMethodAreTwoTextMethodsAndRefused() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> EndpointModel.of(ReaderAndPartialString.class));
        assertTrue(e.getMessage().contains("two @OnMessage methods for text messages"), e.getMessage());
    }

    @Test
    void aMessageTypeWithoutADecoderIsRefusedAndADecoderMakesItBinary() throws Exception {
        DeploymentException e = assertThrows(DeploymentException.class, () -> EndpointModel.of(BigDecimalMessage.class));
        assertTrue(e.getMessage().contains("no decoder of the endpoint makes a java.math.BigDecimal"), e.getMessage());
        EndpointModel m = EndpointModel.of(TextBinaryPong.class, List.of(BigDecimalDecoder.class));
        assertEquals(3, m.onMessage.size(), "text, a binary-decoded type and pong: one each");
        assertTrue(m.onMessage.stream().filter(x -> x.messageType() == BigDecimal.class).allMatch(x -> x.binary));
    }

    @Test
    void anOverriddenMethodWithACovariantReturnIsOneMethod() throws Exception {
        assertEquals(1, EndpointModel.of(Covariant.class).onMessage.size());
    }

    @Test
    void aPathParamWithBracesNamesTheVariableInside() {
        assertEquals("id", AnnotatedMethod.variableName("{id}"));
        assertEquals("id", AnnotatedMethod.variableName("id"));
        assertEquals("{}", AnnotatedMethod.variableName("{}"));
    }
}
