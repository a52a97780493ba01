package io.subito.container.proxy;

/**
 * What trusted forwarding headers say about one request, each part null (or -1) when they do
 * not say it: the request then keeps what the connection and its own {@code Host} say.
 *
 * @param client the client's node; null: the peer itself (or the nearest hop that named one)
 * @param scheme {@code http} or {@code https}, lower case
 * @param host the host the client asked for, without its port
 * @param port the port the client connected to
 */
public record Forwarding(Node client, String scheme, String host, int port) {
    public static final Forwarding NONE = new Forwarding(null, null, null, -1);
}
