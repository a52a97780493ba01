package io.subito.deploy.accesslog;

import io.subito.container.RefusedRequest;
import java.net.InetSocketAddress;

/**
 * A request the engine refused itself (400, 414, 431, 501, 505...): only what had arrived of its
 * first line is known, split as well as it goes; its headers are not logged, as they were not
 * accepted. It took no time worth measuring: elapsed is 0.
 */
public final class RefusalEntry implements LogEntry {
    private final RefusedRequest r;
    private final String[] parts;
    private final long millis;

    public RefusalEntry(RefusedRequest r, long nowMillis) {
        this.r = r;
        String[] p = r.requestLine().split(" ", 3);
        this.parts = p.length == 3 ? p : null;
        this.millis = nowMillis;
    }

    @Override
    public InetSocketAddress remote() {
        return r.remote();
    }

    @Override
    public InetSocketAddress local() {
        return null;
    }

    @Override
    public String method() {
        return parts == null ? null : parts[0];
    }

    @Override
    public String target() {
        return parts == null ? null : parts[1];
    }

    @Override
    public String path() {
        String t = target();
        int q = t == null ? -1 : t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }

    @Override
    public String query() {
        String t = target();
        int q = t == null ? -1 : t.indexOf('?');
        return q < 0 ? null : t.substring(q + 1);
    }

    @Override
    public String protocol() {
        return parts == null ? null : parts[2];
    }

    @Override
    public String requestLine() {
        return r.requestLine().isEmpty() ? null : r.requestLine();
    }

    @Override
    public int status() {
        return r.status();
    }

    @Override
    public long bodyBytes() {
        return r.bodyBytes();
    }

    @Override
    public String requestHeader(String name) {
        return null;
    }

    @Override
    public String responseHeader(String name) {
        return null;
    }

    @Override
    public long elapsedNanos() {
        return 0;
    }

    @Override
    public long startMillis() {
        return millis;
    }
}
