package io.subito.websocket.session;

import io.subito.websocket.endpoint.Coders;
import io.subito.websocket.endpoint.GenericTypes;
import io.subito.websocket.frame.CloseCode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Jakarta WebSocket {@link Session}: the endpoint, its message handlers, limits, user
 * properties and senders over one {@link WsConnection}. Messages reach it on the connection's read
 * task, one at a time; each callback runs with the webapp's class loader.
 */
public final class WsSession implements Session, WsConnection.Events {
    private static final System.Logger LOG = System.getLogger(WsSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = Long.toString(IDS.incrementAndGet(), 36);
    private final SessionOwner owner;
    private final Endpoint endpoint;
    private final EndpointConfig config;
    private final HandshakeInfo handshake;
    private final Coders coders;
    private final Map<String, Object> userProperties;
    private final MessageHandlers handlers;
    private final AtomicBoolean closedOnce = new AtomicBoolean();
    /** The endpoint's onClose has returned: only then is the session no longer open (its socket is open while onClose runs). */
    private volatile boolean ended;
    private WsConnection connection;
    private final WsRemote.Basic basic = new WsRemote.Basic(this);
    private final WsRemote.Async async = new WsRemote.Async(this);
    private volatile long maxIdleTimeout;
    private volatile int maxText;
    private volatile int maxBinary;
    private ScheduledFuture<?> idleTimer;
    /** The message a Reader or InputStream handler is reading while it arrives; only the read task touches it. */
    private StreamedMessage streamed;

    public WsSession(SessionOwner owner, Endpoint endpoint, EndpointConfig config, HandshakeInfo handshake,
            Coders coders, WsSettings settings) {
        this.owner = owner;
        this.endpoint = endpoint;
        this.config = config;
        this.handshake = handshake;
        this.coders = coders;
        this.userProperties = config.getUserProperties(); // the per-session copy the handshake made
        this.handlers = new MessageHandlers(coders);
        this.maxIdleTimeout = owner.container().getDefaultMaxSessionIdleTimeout();
        this.maxText = owner.container().getDefaultMaxTextMessageBufferSize();
        this.maxBinary = owner.container().getDefaultMaxBinaryMessageBufferSize();
    }

    /** Binds the connection, runs onOpen, then starts reading. On a worker thread. */
    public void open(WsConnection c) {
        this.connection = c;
        owner.opened(this);
        applyLimits();
        c.watch();
        if (closedOnce.get()) {
            return; // the client left before onOpen: the session has closed (1006) already
        }
        boolean[] opened = {false};
        withLoader(() -> {
            try {
                endpoint.onOpen(this, config);
                opened[0] = true;
            } catch (RuntimeException e) {
                onError(e);
            }
        });
        if (!opened[0]) {
            c.close(CloseCode.INTERNAL_ERROR, "onOpen failed");
            c.start(); // to read the client's answer to the close
            return;
        }
        scheduleIdleCheck();
        c.start();
    }

    WsConnection connection() {
        return connection;
    }

    Coders coders() {
        return coders;
    }

    /** The limits a connection is made with, as set when the handshake ended. */
    public static WsSettings settingsFor(WebSocketContainer c, WsSettings base) {
        return new WsSettings(c.getDefaultMaxTextMessageBufferSize(), c.getDefaultMaxBinaryMessageBufferSize(),
                c.getDefaultMaxSessionIdleTimeout(), base.closeTimeoutMillis(), c.getDefaultAsyncSendTimeout(), base.maxQueuedBytes(),
                base.permessageDeflate());
    }

    // ---------------------------------------------------------------- events from the connection

    @Override
    public boolean partialText() {
        return handlers.partialText();
    }

    @Override
    public boolean partialBinary() {
        return handlers.partialBinary();
    }

    @Override
    public void text(String text, boolean last) {
        deliver(handlers.text(), text, last);
    }

    @Override
    public void binary(ByteBuffer data, boolean last) {
        deliver(handlers.binary(), data, last);
    }

    @Override
    public void ping(ByteBuffer payload) {
        // answered by the connection
    }

    @Override
    public void pong(ByteBuffer payload) {
        Inbound h = handlers.pong();
        if (h != null) {
            PongMessage m = () -> payload;
            deliver(h, m, true);
        }
    }

    @Override
    public void closeFrame(int code, String reason) {
        // the connection's own close handshake calls closed()
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void deliver(Inbound h, Object message, boolean last) {
        if (h == null) {
            return; // RFC 6455 leaves it to us; Tomcat and Jetty drop a message nobody handles too
        }
        if (h.streaming()) {
            stream(h, message, last);
            return;
        }
        withLoader(() -> {
            try {
                if (h.partial()) {
                    Object part = h.type() == byte[].class ? bytes((ByteBuffer) message) : message;
                    ((MessageHandler.Partial) h.handler()).onMessage(part, last);
                    return;
                }
                Object m = message instanceof String s ? coders.fromText(s, h.type())
                        : message instanceof ByteBuffer b ? coders.fromBinary(b, h.type()) : message;
                ((MessageHandler.Whole) h.handler()).onMessage(m);
            } catch (Throwable t) {
                onError(t);
            }
        });
    }

    /** A Reader or InputStream handler runs on its own worker from the first part on; see {@link StreamedMessage}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void stream(Inbound h, Object part, boolean last) {
        StreamedMessage m = streamed;
        if (m == null) {
            StreamedMessage fresh = new StreamedMessage();
            streamed = m = fresh;
            Object source = h.type() == java.io.Reader.class ? fresh.reader() : fresh.input();
            WsThreads.execute(() -> withLoader(() -> {
                try {
                    ((MessageHandler.Whole) h.handler()).onMessage(source);
                } catch (Throwable t) {
                    onError(t);
                } finally {
                    fresh.handlerReturned();
                }
            }));
        }
        try {
            m.put(part);
            if (last) {
                streamed = null;
                m.endAndAwait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m.handlerReturned();
            streamed = null;
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    /** An exception from the application's handler or a decoder goes to onError; the session stays open. */
    public void onError(Throwable t) {
        try {
            endpoint.onError(this, t);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "onError of " + endpoint.getClass().getName() + " failed", e);
        }
    }

    @Override
    public void failed(Throwable t) {
        withLoader(() -> onError(t));
    }

    @Override
    public void closed(int code, String reason) {
        if (!closedOnce.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> t = idleTimer;
        if (t != null) {
            t.cancel(false);
        }
        owner.closed(this);
        withLoader(() -> {
            try {
                endpoint.onClose(this, new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (RuntimeException e) {
                onError(e);
            } finally {
                coders.destroy();
                ended = true;
            }
        });
    }

    private void withLoader(Runnable r) {
        Thread th = Thread.currentThread();
        ClassLoader old = th.getContextClassLoader();
        th.setContextClassLoader(owner.loader());
        try {
            r.run();
        } finally {
            th.setContextClassLoader(old);
        }
    }

    // ---------------------------------------------------------------- idle timeout

    private void scheduleIdleCheck() {
        long timeout = maxIdleTimeout;
        if (timeout > 0 && connection.isOpen()) {
            long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connection.lastActivityNanos());
            idleTimer = WsThreads.timers().schedule(() -> WsThreads.execute(this::checkIdle), Math.max(1, timeout - idle), TimeUnit.MILLISECONDS);
        }
    }

    private void checkIdle() {
        long timeout = maxIdleTimeout;
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connection.lastActivityNanos());
        if (timeout > 0 && idle >= timeout) {
            connection.close(CloseCode.GOING_AWAY, "idle for " + timeout + " ms", CloseCode.ABNORMAL);
        } else {
            scheduleIdleCheck();
        }
    }

    // ---------------------------------------------------------------- Session

    @Override
    public WebSocketContainer getContainer() {
        return owner.container();
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        Class<?> type = handler instanceof MessageHandler.Partial<?> ? GenericTypes.argument(handler.getClass(), MessageHandler.Partial.class)
                : GenericTypes.argument(handler.getClass(), MessageHandler.Whole.class);
        if (type == null) {
            throw new IllegalStateException("the message type of " + handler.getClass().getName()
                    + " cannot be told (a lambda?): use addMessageHandler(Class, handler)");
        }
        handlers.add(type, handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        handlers.add(clazz, handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        handlers.add(clazz, handler);
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return handlers.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return handshake.subprotocol() == null ? "" : handshake.subprotocol();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return handshake.extensions();
    }

    @Override
    public boolean isSecure() {
        return handshake.secure();
    }

    @Override
    public boolean isOpen() {
        return connection != null && !ended;
    }

    @Override
    public long getMaxIdleTimeout() {
        return maxIdleTimeout;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        maxIdleTimeout = milliseconds;
        ScheduledFuture<?> t = idleTimer;
        if (t != null) {
            t.cancel(false);
        }
        if (connection != null) {
            scheduleIdleCheck();
        }
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        maxBinary = length;
        applyLimits();
    }

    private void applyLimits() {
        WsConnection c = connection;
        if (c != null) {
            c.limits(maxText, maxBinary);
        }
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return maxBinary;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        maxText = length;
        applyLimits();
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return maxText;
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        return async;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        return basic;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    @Override
    public void close(CloseReason reason) throws IOException {
        if (connection != null) {
            connection.close(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }
    }

    /** The app or the server stops. */
    public void closeGoingAway() {
        if (connection != null) {
            connection.close(CloseCode.GOING_AWAY, "server stopping");
        }
    }

    @Override
    public URI getRequestURI() {
        return handshake.requestUri();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return handshake.parameters();
    }

    @Override
    public String getQueryString() {
        return handshake.queryString();
    }

    @Override
    public Map<String, String> getPathParameters() {
        return handshake.pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public Principal getUserPrincipal() {
        return handshake.principal();
    }

    @Override
    public Set<Session> getOpenSessions() {
        return Collections.unmodifiableSet(owner.openSessions(this));
    }

    public EndpointConfig endpointConfig() {
        return config;
    }

    @Override
    public String toString() {
        return "session " + id + " " + handshake.requestUri() + " " + connection;
    }
}
