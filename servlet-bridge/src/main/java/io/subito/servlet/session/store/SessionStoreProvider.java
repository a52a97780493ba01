package io.subito.servlet.session.store;

/**
 * Makes stores of one kind, named by {@code sessionStore=NAME}. Found with
 * {@link java.util.ServiceLoader} on the server's class path (a module such as
 * {@code sessions-redis} lists its provider in {@code META-INF/services}).
 */
public interface SessionStoreProvider {
    /** The value of {@code sessionStore} that selects this provider. */
    String name();

    /**
     * A store for one application. Should not fail because the backing server is down at the
     * moment (requests then get 503 until it is back); should fail, naming the key, for a
     * configuration that can never work.
     *
     * @throws IllegalArgumentException for a wrong or missing setting, naming the key
     */
    SessionStore open(SessionStoreSettings settings);
}
