package io.subito.servlet.registration;

import jakarta.servlet.DispatcherType;
import java.util.List;

/**
 * The filters a servlet's last dispatch went through, and what they were chosen by: the filter
 * mappings (a new list each time a mapping is added, so compared by identity), the dispatcher
 * type and the path. A servlet is mostly reached by the same path, so the next dispatch reuses
 * the array instead of matching every mapping again and building it anew. Immutable, so it can
 * be shared between the threads that serve requests without a lock.
 */
public record ChainMemo(List<FilterMapping> mappings, DispatcherType type, String path, FilterHolder[] filters) {
    /** Whether {@link #filters} are those for this dispatch. */
    public boolean matches(List<FilterMapping> mappings, DispatcherType type, String path) {
        return this.mappings == mappings && this.type == type && java.util.Objects.equals(this.path, path);
    }
}
