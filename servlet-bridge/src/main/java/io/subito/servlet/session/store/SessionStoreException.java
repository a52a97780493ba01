package io.subito.servlet.session.store;

/**
 * The store could not do what was asked (unreachable, timed out, refused). A request that
 * needed its session is answered 503; the store is expected to reconnect by itself.
 */
public class SessionStoreException extends RuntimeException {
    public SessionStoreException(String message) {
        super(message);
    }

    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
