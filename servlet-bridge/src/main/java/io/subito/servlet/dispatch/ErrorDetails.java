package io.subito.servlet.dispatch;

import java.net.InetAddress;
import java.util.Locale;

/**
 * Whether the container's own error pages show what failed ({@code errorDetails} in
 * conf/server.properties): the exception, its causes and stack trace, which for a JSP that does
 * not compile names the line. OFF (the default) keeps the page bare: status and reason only.
 */
public enum ErrorDetails {
    /** Never: the page names the status only. */
    OFF,
    /** To clients on the loopback interface that did not come through a proxy. */
    LOCAL,
    /** To every client. For development machines only: a trace tells an attacker much. */
    ON;

    /** Parses off, local or on (any case); blank is off. */
    public static ErrorDetails parse(String v) {
        String s = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "", "off" -> OFF;
            case "local" -> LOCAL;
            case "on" -> ON;
            default -> throw new IllegalArgumentException("errorDetails=" + v.trim() + " is not one of off, local, on");
        };
    }

    /**
     * Whether a client may see the details.
     *
     * @param client the address of the connection's peer (null: unknown)
     * @param forwarded whether the request carries {@code Forwarded} or {@code X-Forwarded-For}: a
     *        proxy on this machine makes every client look local, so such a request never is
     */
    public boolean showsTo(InetAddress client, boolean forwarded) {
        return switch (this) {
            case OFF -> false;
            case ON -> true;
            case LOCAL -> client != null && client.isLoopbackAddress() && !forwarded;
        };
    }
}
