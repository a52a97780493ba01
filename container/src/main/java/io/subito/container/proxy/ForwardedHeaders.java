package io.subito.container.proxy;

import java.util.Locale;

/**
 * Which forwarding headers the trusted proxies write, and so which are believed. Only one
 * family: a proxy that writes X-Forwarded-For passes a client's own {@code Forwarded} header
 * through untouched (and the other way round), so believing both would let any client name
 * itself.
 */
public enum ForwardedHeaders {
    /** X-Forwarded-For, -Proto, -Host, -Port (Tomcat's RemoteIpValve; HAProxy's option forwardfor; nginx). */
    X_FORWARDED("x-forwarded"),
    /** RFC 7239 Forwarded (HAProxy's option forwarded). */
    FORWARDED("forwarded");

    private final String key;

    ForwardedHeaders(String key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException naming the setting and the values it takes */
    public static ForwardedHeaders of(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ForwardedHeaders f : values()) {
            if (f.key.equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("forwardedHeaders=" + value.trim() + " is not one of x-forwarded, forwarded");
    }

    @Override
    public String toString() {
        return key;
    }
}
