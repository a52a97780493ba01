package io.subito.servlet.session.store;

/** Sessions in this JVM only: gone at a stop, a redeploy or a restart (the embedded API's default). */
public final class MemoryStore implements SessionStore {
    public static final SessionStoreProvider PROVIDER = new SessionStoreProvider() {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public SessionStore open(SessionStoreSettings settings) {
            return new MemoryStore();
        }
    };

    @Override
    public boolean serializes() {
        return false;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void close() {
    }
}
