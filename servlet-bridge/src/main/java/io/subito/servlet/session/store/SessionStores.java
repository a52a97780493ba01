package io.subito.servlet.session.store;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the provider named by {@code sessionStore}: memory and file are built in, others on the class path. */
public final class SessionStores {
    private SessionStores() {
    }

    /**
     * @throws IllegalArgumentException when no provider has that name, listing those there are
     */
    public static SessionStore open(SessionStoreSettings settings) {
        return provider(settings.store()).open(settings);
    }

    /** @throws IllegalArgumentException when no provider is called {@code name} */
    public static void check(String name) {
        provider(name);
    }

    private static SessionStoreProvider provider(String name) {
        List<SessionStoreProvider> known = providers();
        for (SessionStoreProvider p : known) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        List<String> names = new ArrayList<>();
        known.forEach(p -> names.add(p.name()));
        throw new IllegalArgumentException(SessionStoreSettings.STORE + "=" + name + ": no such session store (known: "
                + String.join(", ", names) + "; jdbc and redis need the sessions-jdbc or sessions-redis jars in lib/)");
    }

    static List<SessionStoreProvider> providers() {
        List<SessionStoreProvider> list = new ArrayList<>(List.of(MemoryStore.PROVIDER, FileStore.PROVIDER));
        ServiceLoader.load(SessionStoreProvider.class, SessionStores.class.getClassLoader()).forEach(list::add);
        return list;
    }
}
