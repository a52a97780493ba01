package io.subito.servlet.request;

import jakarta.servlet.ServletConnection;

/** The HTTP/1.1 connection a request came on. */
record Connection(long id, String protocol, boolean secure) implements ServletConnection {
    @Override
    public String getConnectionId() {
        return Long.toString(id);
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getProtocolConnectionId() {
        return "";
    }

    @Override
    public boolean isSecure() {
        return secure;
    }
}
