package io.subito.websocket.endpoint;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The annotated methods of a {@code @ServerEndpoint} (or client endpoint) class, found and checked
 * once at deployment: at most one {@code @OnOpen}, {@code @OnClose}, {@code @OnError}, and one
 * {@code @OnMessage} each for text, binary and pong messages.
 */
public final class EndpointModel {
    final AnnotatedMethod onOpen;
    final AnnotatedMethod onClose;
    final AnnotatedMethod onError;
    final List<AnnotatedMethod> onMessage;
    final Class<?> type;

    private EndpointModel(Class<?> type, AnnotatedMethod open, AnnotatedMethod close, AnnotatedMethod error, List<AnnotatedMethod> msg) {
        this.type = type;
        this.onOpen = open;
        this.onClose = close;
        this.onError = error;
        this.onMessage = msg;
    }

    public static EndpointModel of(Class<?> type) throws DeploymentException {
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new DeploymentException(type.getName() + " is abstract and cannot be a WebSocket endpoint");
        }
        AnnotatedMethod open = null;
        AnnotatedMethod close = null;
        AnnotatedMethod error = null;
        List<AnnotatedMethod> msg = new ArrayList<>();
        boolean text = false;
        boolean binary = false;
        boolean pong = false;
        for (Method m : methods(type)) {
            if (m.isAnnotationPresent(OnOpen.class)) {
                open = single(open, m, OnOpen.class);
            }
            if (m.isAnnotationPresent(OnClose.class)) {
                close = single(close, m, OnClose.class);
            }
            if (m.isAnnotationPresent(OnError.class)) {
                error = single(error, m, OnError.class);
            }
            if (m.isAnnotationPresent(OnMessage.class)) {
                AnnotatedMethod am = AnnotatedMethod.of(m, OnMessage.class);
                Class<?> t = am.messageType();
                String kind = t == PongMessage.class ? "pong"
                        : t == ByteBuffer.class || t == byte[].class || t == java.io.InputStream.class ? "binary" : "text";
                boolean taken = switch (kind) {
                    case "pong" -> pong;
                    case "binary" -> binary;
                    default -> text;
                };
                if (taken && (kind.equals("pong") || t == String.class || kind.equals("binary"))) {
                    throw new DeploymentException(type.getName() + " has two @OnMessage methods for " + kind + " messages");
                }
                pong |= kind.equals("pong");
                binary |= kind.equals("binary");
                text |= kind.equals("text") && t == String.class;
                msg.add(am);
            }
        }
        return new EndpointModel(type, open, close, error, List.copyOf(msg));
    }

    private static AnnotatedMethod single(AnnotatedMethod had, Method m, Class<? extends Annotation> a) throws DeploymentException {
        if (had != null && !had.method().getName().equals(m.getName())) {
            throw new DeploymentException(m.getDeclaringClass().getName() + " has two @" + a.getSimpleName() + " methods");
        }
        return had != null ? had : AnnotatedMethod.of(m, a);
    }

    /** Public methods, inherited ones included, then the class's own non-public ones. */
    private static List<Method> methods(Class<?> type) {
        List<Method> out = new ArrayList<>(List.of(type.getMethods()));
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                out.add(m);
            }
        }
        return out;
    }

    public Class<?> type() {
        return type;
    }
}
