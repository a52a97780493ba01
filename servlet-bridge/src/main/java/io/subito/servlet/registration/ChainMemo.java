package io.subito.servlet.registration;

import jakarta.servlet.DispatcherType;
import java.util.List;

/**
 * The filters a servlet's last dispatch went through, and what they were chosen by: the filter
 * mappings (a new list each time a mapping is added, so compared by identity), the dispatcher
 * type and the path. A servlet is mostly reached by the same path, so the next dispatch reuses
 * the array instead of matching every mapping again and building it anew. Immutable, so it can
 * be shared between the threads that serve requests without a lock.
 * {@link #plain} are the same filters without the {@link UpgradeOnlyFilter}s at their head, for
 * requests without an {@code Upgrade} header (only those at the head: a filter before one could
 * wrap the request and add the header).
 */
public record ChainMemo(List<FilterMapping> mappings, DispatcherType type, String path, FilterHolder[] filters,
                        FilterHolder[] plain) {
    /** Whether {@link #filters} are those for this dispatch. */
    public boolean matches(List<FilterMapping> mappings, DispatcherType type, String path) {
        return this.mappings == mappings && this.type == type && java.util.Objects.equals(this.path, path);
    }

    /** A memo of {@code filters}, with {@link #plain} worked out from them. */
    public static ChainMemo of(List<FilterMapping> mappings, DispatcherType type, String path, FilterHolder[] filters) {
        int head = 0;
        while (head < filters.length && filters[head].isUpgradeOnly()) {
            head++;
        }
        FilterHolder[] plain = head == 0 ? filters : java.util.Arrays.copyOfRange(filters, head, filters.length);
        return new ChainMemo(mappings, type, path, filters, plain);
    }

    /** The filters for a request that does (or does not) carry an {@code Upgrade} header. */
    public FilterHolder[] filters(boolean upgrade) {
        return upgrade ? filters : plain;
    }
}
