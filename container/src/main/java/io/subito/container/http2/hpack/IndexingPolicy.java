package io.subito.container.http2.hpack;

/**
 * Which literal representation the encoder gives a field that is not in a table already.
 *
 * <ul>
 *   <li><b>Never indexed</b> (RFC 7541 section 7.1.3): fields the caller marks sensitive, and
 *       {@code set-cookie}, {@code cookie}, {@code authorization}, {@code proxy-authorization}.
 *       They carry secrets (session ids, credentials). Kept out of the dynamic table, a secret
 *       cannot be probed by an attacker who gets other fields into the same connection's
 *       responses and watches their size (CRIME-style); the never-indexed bit also tells every
 *       intermediary that re-encodes the response to do the same. And a session cookie's
 *       value is new in each response that sets one, so indexing it would only push out useful
 *       entries.</li>
 *   <li><b>Without indexing</b>: fields whose values rarely repeat on a connection:
 *       {@code content-length}, {@code content-range}, {@code etag}, {@code last-modified},
 *       {@code location}, {@code age}, {@code :path}. Each new value would evict an entry that
 *       the next responses could have sent in one octet (a {@code date}, a {@code content-type}),
 *       and on the wire the literal costs about the same either way. Also any field larger
 *       than half the table, which would evict most of it at once.</li>
 *   <li><b>Incremental indexing</b>: everything else ({@code :status}, {@code content-type},
 *       {@code date}, {@code server}, {@code cache-control}, {@code vary}, custom fields): the
 *       same values come back in response after response, the second time as one octet.</li>
 * </ul>
 */
final class IndexingPolicy {
    private IndexingPolicy() {
    }

    /**
     * @param staticNameIndex the static table's first entry with the name, 0 if none
     * @param entrySize what the field would take in the dynamic table
     */
    static Representation literalFor(int staticNameIndex, boolean sensitive, int entrySize, int tableMaxSize) {
        if (sensitive) {
            return Representation.NEVER_INDEXED;
        }
        switch (staticNameIndex) {
            case 23: // authorization
            case 32: // cookie
            case 49: // proxy-authorization
            case 55: // set-cookie
                return Representation.NEVER_INDEXED;
            case 4: // :path
            case 21: // age
            case 28: // content-length
            case 30: // content-range
            case 34: // etag
            case 44: // last-modified
            case 46: // location
                return Representation.WITHOUT_INDEXING;
            default:
                return entrySize > tableMaxSize / 2 ? Representation.WITHOUT_INDEXING : Representation.INCREMENTAL;
        }
    }

    /** Whether a field with this name is never sent by index, even when a table holds it whole. */
    static boolean neverIndexed(int staticNameIndex, boolean sensitive) {
        return literalFor(staticNameIndex, sensitive, 0, 0) == Representation.NEVER_INDEXED;
    }
}
