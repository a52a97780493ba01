package io.subito.servlet.nio;

/** The argument rules every setReadListener/setWriteListener shares (ServletInputStream/ServletOutputStream javadoc). */
public final class ListenerChecks {
    private ListenerChecks() {
    }

    /** Null is refused with NullPointerException, a second listener with IllegalStateException. */
    public static void requireFirst(Object listener, Object existing, String kind) {
        if (listener == null) {
            throw new NullPointerException(kind);
        }
        if (existing != null) {
            throw new IllegalStateException(kind + " already set");
        }
    }
}
