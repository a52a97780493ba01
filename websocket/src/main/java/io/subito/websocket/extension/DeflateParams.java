package io.subito.websocket.extension;

import java.util.List;
import java.util.Map;

/**
 * The outcome of negotiating permessage-deflate (RFC 7692 section 7) from one client offer. The
 * JDK's {@code Deflater} always uses a 15-bit window, so an offer that limits the server's window
 * below 15 ({@code server_max_window_bits}) is declined; the client's window may be any size, as
 * a 15-bit inflater reads every smaller window.
 *
 * @param serverNoContextTakeover the server compresses each message on its own; always answered,
 *        even when not asked for, so no deflater stays with an idle connection
 * @param clientNoContextTakeover the client compresses each message on its own (only when it offered to):
 *        then no inflater stays with an idle connection either
 */
public record DeflateParams(boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
    public static final String NAME = "permessage-deflate";

    /**
     * The parameters for the first acceptable offer of {@code offers} (each a parameter map, in the
     * client's order of preference), or null to decline them all.
     */
    public static DeflateParams negotiate(List<Map<String, String>> offers) {
        for (Map<String, String> offer : offers) {
            DeflateParams p = accept(offer);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static DeflateParams accept(Map<String, String> offer) {
        boolean clientNoContext = false;
        for (Map.Entry<String, String> e : offer.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "server_no_context_takeover" -> {
                    if (v != null) {
                        return null;
                    }
                }
                case "client_no_context_takeover" -> {
                    if (v != null) {
                        return null;
                    }
                    clientNoContext = true;
                }
                case "server_max_window_bits" -> {
                    if (!"15".equals(v)) {
                        return null; // below 15 (or malformed): the JDK's deflater cannot honour it
                    }
                }
                case "client_max_window_bits" -> {
                    if (v != null && !validBits(v)) {
                        return null;
                    }
                }
                default -> {
                    return null; // an unknown parameter: the offer is declined (section 7)
                }
            }
        }
        return new DeflateParams(true, clientNoContext);
    }

    private static boolean validBits(String v) {
        return v.length() <= 2 && v.chars().allMatch(Character::isDigit) && Integer.parseInt(v) >= 8 && Integer.parseInt(v) <= 15;
    }

    /** The extension as the response's {@code Sec-WebSocket-Extensions} names it. */
    public String responseHeader() {
        return NAME + (serverNoContextTakeover ? "; server_no_context_takeover" : "")
                + (clientNoContextTakeover ? "; client_no_context_takeover" : "");
    }
}
