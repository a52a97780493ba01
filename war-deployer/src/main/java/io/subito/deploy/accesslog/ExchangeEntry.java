package io.subito.deploy.accesslog;

import io.subito.container.HttpExchange;
import io.subito.container.http.RequestHead;
import java.net.InetSocketAddress;

/** A request the server's handler ran, read right after the handler returned. */
public final class ExchangeEntry implements LogEntry {
    private final HttpExchange ex;
    private final RequestHead head;
    private final long elapsedNanos;
    private final long startMillis;

    public ExchangeEntry(HttpExchange ex, long elapsedNanos, long nowMillis) {
        this.ex = ex;
        this.head = ex.request();
        this.elapsedNanos = elapsedNanos;
        this.startMillis = nowMillis - elapsedNanos / 1_000_000;
    }

    @Override
    public InetSocketAddress remote() {
        return ex.remoteAddress();
    }

    @Override
    public String clientAddress() {
        return ex.origin().remoteAddress(); // the client behind trusted proxies
    }

    @Override
    public int clientPort() {
        return ex.origin().remotePort();
    }

    @Override
    public InetSocketAddress local() {
        return ex.localAddress();
    }

    @Override
    public String method() {
        return head.method();
    }

    @Override
    public String target() {
        return head.target();
    }

    @Override
    public String path() {
        return head.rawPath();
    }

    @Override
    public String query() {
        return head.query();
    }

    @Override
    public String protocol() {
        return head.protocol();
    }

    @Override
    public String requestLine() {
        return head.method() + ' ' + head.target() + ' ' + head.protocol();
    }

    @Override
    public int status() {
        return ex.response().status();
    }

    @Override
    public long bodyBytes() {
        return ex.isAsyncStarted() ? -1 : ex.response().bytesWritten();
    }

    @Override
    public String requestHeader(String name) {
        return head.header(name);
    }

    @Override
    public String responseHeader(String name) {
        String v = ex.response().header(name);
        if (v == null && name.equalsIgnoreCase("Content-Length") && ex.response().contentLength() >= 0) {
            v = Long.toString(ex.response().contentLength());
        }
        return v;
    }

    @Override
    public long elapsedNanos() {
        return elapsedNanos;
    }

    @Override
    public long startMillis() {
        return startMillis;
    }
}
